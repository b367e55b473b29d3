package io.mae4j.model.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code .npy} array: magic {@code \x93NUMPY}, version, header length, a Python-literal header
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded to 64 bytes, then the
 * raw data. Reads versions 1–3, either byte order, C or Fortran order; writes version 1.0, C order.
 */
final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Parses one array; {@code where} (e.g. "weights.npz:f32.npy") names it in errors. */
    static TensorData read(byte[] bytes, String where) throws WeightFileException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.length <= MAGIC.length || bytes[i] != MAGIC[i]) {
                throw new WeightFileException(where + " is not a .npy array (bad magic)");
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        buf.position(8);
        int headerLen = major == 1 ? buf.getShort() & 0xffff : buf.getInt();
        int dataStart = buf.position() + headerLen;
        if (headerLen < 0 || dataStart > bytes.length) {
            throw new WeightFileException(where + ": .npy header length " + headerLen + " runs past the data");
        }
        String header = new String(bytes, buf.position(), headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new WeightFileException(where + ": cannot parse .npy header " + header.trim());
        }
        WeightDtype dtype = WeightDtype.fromNumpyCode(d.group(2) + d.group(3));
        if (dtype == null) {
            throw new WeightFileException(where + ": numpy dtype '" + d.group(1) + d.group(2) + d.group(3)
                    + "' is not supported (object arrays and complex numbers cannot be weights); save float arrays");
        }
        long[] shape = parseShape(s.group(1), where);
        int n = Math.toIntExact(Strides.numel(shape));
        long need = (long) n * dtype.bytes();
        if (bytes.length - dataStart < need) {
            throw new WeightFileException(where + ": shape " + Strides.shapeString(shape) + " of " + dtype
                    + " needs " + need + " data bytes, found " + (bytes.length - dataStart));
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        float[] values = dtype.decode(ByteBuffer.wrap(bytes, dataStart, (int) need).order(order), n);
        if (f.group(1).equals("True") && shape.length > 1) {
            values = Strides.gather(values, 0, shape, Strides.fortran(shape)); // column-major → row-major
        }
        return new TensorData(shape, values, dtype);
    }

    /** Encodes one array as {@code .npy} v1.0 in its source dtype (bfloat16, unknown to numpy, as float32). */
    static byte[] write(String name, TensorData t) {
        WeightDtype dtype = t.sourceDtype().numpyCode() == null ? WeightDtype.FLOAT32 : t.sourceDtype();
        String order = dtype.bytes() == 1 ? "|" : "<";
        StringBuilder header = new StringBuilder("{'descr': '").append(order).append(dtype.numpyCode())
                .append("', 'fortran_order': False, 'shape': ").append(Strides.shapeString(t.shape())).append(", }");
        int total = MAGIC.length + 4 + header.length() + 1;
        header.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + h.length + t.numel() * dtype.bytes())
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        dtype.encode(t.data(), buf, name);
        return buf.array();
    }

    private static long[] parseShape(String inner, String where) throws WeightFileException {
        String[] parts = inner.split(",");
        int count = 0;
        long[] dims = new long[parts.length];
        for (String p : parts) {
            String v = p.trim();
            if (v.isEmpty()) {
                continue;
            }
            try {
                dims[count++] = Long.parseLong(v.endsWith("L") ? v.substring(0, v.length() - 1) : v);
            } catch (NumberFormatException e) {
                throw new WeightFileException(where + ": bad dimension '" + v + "' in .npy shape (" + inner + ")");
            }
        }
        return java.util.Arrays.copyOf(dims, count);
    }
}
