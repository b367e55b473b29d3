package io.mae4j.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard event files. One record is
 *
 * <pre>
 *   u64 length (little endian) | u32 masked_crc32c(length bytes) | data[length] | u32 masked_crc32c(data)
 * </pre>
 *
 * with {@code masked(crc) = ((crc >>> 15) | (crc << 17)) + 0xa282ead8} (mod 2^32), CRC-32C being the
 * Castagnoli polynomial.
 */
public final class TfRecords {

    /** Bytes before the data: length (8) and its masked CRC (4). */
    public static final int HEADER_BYTES = 12;
    /** Bytes after the data: its masked CRC. */
    public static final int FOOTER_BYTES = 4;

    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecords() {}

    /** The plain CRC-32C of {@code data[off, off + len)}. */
    public static int crc32c(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }

    /** The TFRecord mask of a CRC: rotate right by 15 bits, then add 0xa282ead8. */
    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** The inverse of {@link #mask}. */
    public static int unmask(int masked) {
        int rot = masked - MASK_DELTA;
        return (rot >>> 17) | (rot << 15);
    }

    /** {@code mask(crc32c(data[off, off + len)))}. */
    public static int maskedCrc32c(byte[] data, int off, int len) {
        return mask(crc32c(data, off, len));
    }

    /** The whole record around {@code data}: header, data, footer. */
    public static byte[] frame(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + data.length + FOOTER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc32c(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc32c(data, 0, data.length));
        return b.array();
    }
}
