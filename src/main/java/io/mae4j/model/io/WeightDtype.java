package io.mae4j.model.io;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Element types a weight file may store. In memory every tensor is float32; this records what the
 * file held and converts between the two. Integer types convert exactly up to 2^24; writing a float
 * back into an integer or boolean type requires integral (0/1) values.
 */
public enum WeightDtype {
    FLOAT32(4, "FloatStorage", "f4", "F32"),
    FLOAT16(2, "HalfStorage", "f2", "F16"),
    BFLOAT16(2, "BFloat16Storage", null, "BF16"),
    FLOAT64(8, "DoubleStorage", "f8", "F64"),
    INT64(8, "LongStorage", "i8", "I64"),
    INT32(4, "IntStorage", "i4", "I32"),
    INT16(2, "ShortStorage", "i2", "I16"),
    INT8(1, "CharStorage", "i1", "I8"),
    UINT8(1, "ByteStorage", "u1", "U8"),
    BOOL(1, "BoolStorage", "b1", "BOOL");

    private final int bytes;
    private final String torchStorage;
    private final String numpyCode;
    private final String safetensorsName;

    WeightDtype(int bytes, String torchStorage, String numpyCode, String safetensorsName) {
        this.bytes = bytes;
        this.torchStorage = torchStorage;
        this.numpyCode = numpyCode;
        this.safetensorsName = safetensorsName;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Class name of the PyTorch storage ({@code torch.FloatStorage} → "FloatStorage"). */
    public String torchStorage() {
        return torchStorage;
    }

    /** numpy kind + size without byte order ("f4"), or null when numpy has no such type. */
    public String numpyCode() {
        return numpyCode;
    }

    /** The safetensors dtype name ("F32"). */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** True for FLOAT32, FLOAT16, BFLOAT16 and FLOAT64. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT16 || this == BFLOAT16 || this == FLOAT64;
    }

    /** The type of a PyTorch storage class name, or null when it is not one we read. */
    public static WeightDtype fromTorchStorage(String name) {
        for (WeightDtype t : values()) {
            if (t.torchStorage.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The type of a numpy code without byte order ("f4", "i8"), or null. */
    public static WeightDtype fromNumpyCode(String code) {
        for (WeightDtype t : values()) {
            if (code.equals(t.numpyCode)) {
                return t;
            }
        }
        return null;
    }

    /** The type of a safetensors dtype name ("F32"), or null. */
    public static WeightDtype fromSafetensors(String name) {
        for (WeightDtype t : values()) {
            if (t.safetensorsName.equals(name.toUpperCase(Locale.ROOT))) {
                return t;
            }
        }
        return null;
    }

    /**
     * Reads {@code count} elements from the buffer's position in its byte order, as float32.
     *
     * @param in source, positioned at the first element; its order decides the endianness
     * @param count number of elements
     * @return the values
     */
    public float[] decode(ByteBuffer in, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (this) {
                case FLOAT32 -> in.getFloat();
                case FLOAT16 -> HalfFloats.halfToFloat(in.getShort());
                case BFLOAT16 -> Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
                case FLOAT64 -> (float) in.getDouble();
                case INT64 -> (float) in.getLong();
                case INT32 -> (float) in.getInt();
                case INT16 -> in.getShort();
                case INT8 -> in.get();
                case UINT8 -> in.get() & 0xff;
                case BOOL -> in.get() != 0 ? 1f : 0f;
            };
        }
        return out;
    }

    /**
     * Writes the values in this type at the buffer's position, in its byte order.
     *
     * @param values float32 values
     * @param out destination with room for {@code values.length * bytes()} bytes
     * @param name tensor name, for the error message
     * @throws IllegalArgumentException when a value does not fit an integer or boolean type
     */
    public void encode(float[] values, ByteBuffer out, String name) {
        for (float v : values) {
            switch (this) {
                case FLOAT32 -> out.putFloat(v);
                case FLOAT16 -> out.putShort(HalfFloats.floatToHalf(v));
                case BFLOAT16 -> out.putShort(HalfFloats.floatToBfloat16(v));
                case FLOAT64 -> out.putDouble(v);
                case INT64 -> out.putLong(integral(v, Long.MIN_VALUE, Long.MAX_VALUE, name));
                case INT32 -> out.putInt((int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, name));
                case INT16 -> out.putShort((short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE, name));
                case INT8 -> out.put((byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, name));
                case UINT8 -> out.put((byte) integral(v, 0, 255, name));
                case BOOL -> out.put((byte) integral(v, 0, 1, name));
            }
        }
    }

    private long integral(float v, long min, long max, String name) {
        if (v != Math.rint(v) || v < min || v > max) {
            throw new IllegalArgumentException("tensor '" + name + "' is stored as " + this + " but holds " + v
                    + ", which that type cannot represent; convert it to FLOAT32 before writing");
        }
        return (long) v;
    }
}
