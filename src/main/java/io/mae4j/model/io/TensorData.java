package io.mae4j.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a weight file: its shape, its values as float32 in row-major (C) order, and the
 * dtype the file stored it in. The arrays are shared, not copied: do not modify them after handing
 * them over.
 */
public final class TensorData {

    private final long[] shape;
    private final float[] data;
    private final WeightDtype sourceDtype;

    /**
     * @param shape dimensions; {@code {}} for a scalar
     * @param data row-major values, {@code product(shape)} of them
     * @param sourceDtype the dtype the values came from (and are written back as)
     */
    public TensorData(long[] shape, float[] data, WeightDtype sourceDtype) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.data = Objects.requireNonNull(data, "data");
        this.sourceDtype = Objects.requireNonNull(sourceDtype, "sourceDtype");
        long n = Strides.numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    /** A float32 tensor. */
    public TensorData(long[] shape, float[] data) {
        this(shape, data, WeightDtype.FLOAT32);
    }

    /** Copies an NDArray (any numeric dtype, converted to float32); the dtype is recorded. */
    public static TensorData of(NDArray array) {
        DataType type = array.getDataType();
        WeightDtype source = switch (type) {
            case FLOAT16 -> WeightDtype.FLOAT16;
            case BFLOAT16 -> WeightDtype.BFLOAT16;
            case FLOAT64 -> WeightDtype.FLOAT64;
            case INT64 -> WeightDtype.INT64;
            case INT32 -> WeightDtype.INT32;
            case INT8 -> WeightDtype.INT8;
            case UINT8 -> WeightDtype.UINT8;
            case BOOLEAN -> WeightDtype.BOOL;
            default -> WeightDtype.FLOAT32;
        };
        float[] values;
        if (type == DataType.FLOAT32) {
            values = array.toFloatArray();
        } else {
            try (NDArray f = array.toType(DataType.FLOAT32, true)) {
                values = f.toFloatArray();
            }
        }
        return new TensorData(array.getShape().getShape(), values, source);
    }

    /** A float32 NDArray with these values, owned by {@code manager}. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, new Shape(shape));
    }

    /** Dimensions (the internal array: do not modify). */
    public long[] shape() {
        return shape;
    }

    /** Row-major float32 values (the internal array: do not modify). */
    public float[] data() {
        return data;
    }

    /** The dtype the values were read from, or will be written as. */
    public WeightDtype sourceDtype() {
        return sourceDtype;
    }

    /** Number of elements. */
    public int numel() {
        return data.length;
    }

    /** The same values recorded under another dtype (for writing). */
    public TensorData withSourceDtype(WeightDtype dtype) {
        return new TensorData(shape, data, dtype);
    }

    /** Shape as PyTorch prints it: {@code (2, 3)}, {@code (4,)} or {@code ()}. */
    public String shapeString() {
        return Strides.shapeString(shape);
    }

    /** True when the shapes match and every value has the same bits (NaN payloads and -0.0 included). */
    public boolean sameBits(TensorData other) {
        if (!Arrays.equals(shape, other.shape) || data.length != other.data.length) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (Float.floatToRawIntBits(data[i]) != Float.floatToRawIntBits(other.data[i])) {
                return false;
            }
        }
        return true;
    }

    /** Equal shapes and values ({@link Arrays#equals(float[], float[])}); the source dtype is ignored. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "TensorData" + shapeString() + " " + sourceDtype;
    }
}
