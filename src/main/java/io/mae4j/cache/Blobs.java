package io.mae4j.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** float[] ⇄ BLOB: little-endian IEEE-754 float32, 4 bytes per value, no header (length = bytes / 4). */
final class Blobs {

    private Blobs() {}

    static byte[] encode(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static float[] decode(byte[] bytes) {
        if (bytes == null) {
            return new float[0];
        }
        if (bytes.length % 4 != 0) {
            throw new IllegalStateException("float32 BLOB of " + bytes.length + " bytes is not a multiple of 4");
        }
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
