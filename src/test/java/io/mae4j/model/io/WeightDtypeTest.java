package io.mae4j.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Half / bfloat16 conversions pinned on hand-computed bit patterns. */
class WeightDtypeTest {

    @Test
    void halfToFloatOnKnownPatterns() {
        assertEquals(1f, HalfFloats.halfToFloat((short) 0x3c00));
        assertEquals(-2f, HalfFloats.halfToFloat((short) 0xc000));
        assertEquals(65504f, HalfFloats.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, HalfFloats.halfToFloat((short) 0x0001)); // smallest subnormal
        assertEquals(0x1p-14f, HalfFloats.halfToFloat((short) 0x0400)); // smallest normal
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(HalfFloats.halfToFloat((short) 0x8000)));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.halfToFloat((short) 0xfc00));
        assertTrue(Float.isNaN(HalfFloats.halfToFloat((short) 0x7e00)));
    }

    @Test
    void floatToHalfRoundsToNearestEven() {
        assertEquals((short) 0x3c00, HalfFloats.floatToHalf(1f));
        assertEquals((short) 0x3c00, HalfFloats.floatToHalf(1f + 0x1p-11f)); // tie → even (down)
        assertEquals((short) 0x3c02, HalfFloats.floatToHalf(1f + 3 * 0x1p-11f)); // tie → even (up)
        assertEquals((short) 0x3c01, HalfFloats.floatToHalf(1f + 0x1p-11f + 0x1p-20f)); // above tie
        assertEquals((short) 0x7bff, HalfFloats.floatToHalf(65519f));
        assertEquals((short) 0x7c00, HalfFloats.floatToHalf(65520f)); // rounds to infinity
        assertEquals((short) 0x0001, HalfFloats.floatToHalf(0x1p-24f));
        assertEquals((short) 0x0000, HalfFloats.floatToHalf(0x1p-25f)); // tie with 0 → 0
        assertEquals((short) 0x0001, HalfFloats.floatToHalf(0x1.8p-25f));
        assertEquals((short) 0x0400, HalfFloats.floatToHalf(0x1p-14f - 0x1p-26f)); // rounds up into the normals
        assertEquals((short) 0x8000, HalfFloats.floatToHalf(-1e-30f));
        assertEquals((short) 0x7e00, (short) (HalfFloats.floatToHalf(Float.NaN) & 0x7e00));
    }

    @Test
    void everyHalfSurvivesFloatAndBack() {
        for (int h = 0; h < 0x10000; h++) {
            boolean nan = (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0;
            if (!nan) {
                assertEquals((short) h, HalfFloats.floatToHalf(HalfFloats.halfToFloat((short) h)), "0x" + Integer.toHexString(h));
            }
        }
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        assertEquals((short) 0x3f80, HalfFloats.floatToBfloat16(1f));
        assertEquals((short) 0x3f80, HalfFloats.floatToBfloat16(Float.intBitsToFloat(0x3f808000))); // tie → even
        assertEquals((short) 0x3f82, HalfFloats.floatToBfloat16(Float.intBitsToFloat(0x3f818000))); // tie → even (up)
        assertEquals((short) 0x3f81, HalfFloats.floatToBfloat16(Float.intBitsToFloat(0x3f808001)));
        assertTrue(Float.isNaN(Float.intBitsToFloat(HalfFloats.floatToBfloat16(Float.NaN) << 16)));
    }

    @Test
    void decodeHonoursByteOrderAndIntegerTypes() {
        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-2f).flip();
        assertArrayEquals(new float[] {1.5f, -2f}, WeightDtype.FLOAT32.decode(be.order(ByteOrder.BIG_ENDIAN), 2));
        ByteBuffer u8 = ByteBuffer.wrap(new byte[] {(byte) 255, 1});
        assertArrayEquals(new float[] {255f, 1f}, WeightDtype.UINT8.decode(u8, 2));
        ByteBuffer i8 = ByteBuffer.wrap(new byte[] {(byte) 255, 1});
        assertArrayEquals(new float[] {-1f, 1f}, WeightDtype.INT8.decode(i8, 2));
    }
}
