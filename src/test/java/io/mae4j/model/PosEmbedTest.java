package io.mae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pins the MAE 2-D sin-cos table: column half first, then row half; sin block then cos block. */
class PosEmbedTest {

    private static final float S1 = (float) Math.sin(1);
    private static final float C1 = (float) Math.cos(1);

    @Test
    void dim4Grid2ByHand() {
        // D' = 2 per axis, one frequency ω = 1: 1-D embedding of pos = [sin pos, cos pos]
        float[][] t = PosEmbed.sinCos2d(4, 2, true);
        assertEquals(5, t.length);
        assertArrayEquals(new float[] {0, 0, 0, 0}, t[0]); // CLS
        assertArrayEquals(new float[] {0, 1, 0, 1}, t[1]); // row 0, col 0
        assertArrayEquals(new float[] {S1, C1, 0, 1}, t[2]); // row 0, col 1: column half first
        assertArrayEquals(new float[] {0, 1, S1, C1}, t[3]); // row 1, col 0
        assertArrayEquals(new float[] {S1, C1, S1, C1}, t[4]); // row 1, col 1
        assertArrayEquals(t[2], PosEmbed.sinCos2d(4, 2, false)[1]);
    }

    @Test
    void dim8SpotChecks() {
        // D' = 4 per axis, ω = [1, 1/10000^(1/2)] = [1, 0.01]
        float[][] t = PosEmbed.sinCos2d(8, 3, true);
        assertEquals(10, t.length);
        int i = 2;
        int j = 1;
        float[] expected = {
            (float) Math.sin(j), (float) Math.sin(0.01 * j), (float) Math.cos(j), (float) Math.cos(0.01 * j),
            (float) Math.sin(i), (float) Math.sin(0.01 * i), (float) Math.cos(i), (float) Math.cos(0.01 * i),
        };
        assertArrayEquals(expected, t[1 + i * 3 + j], 1e-7f);
        assertArrayEquals(new float[] {0, 0, 1, 1, (float) Math.sin(1), (float) Math.sin(0.01),
            (float) Math.cos(1), (float) Math.cos(0.01)}, t[1 + 3], 1e-7f); // row 1, col 0
    }

    @Test
    void asArray() {
        TestSupport.startEngine();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = PosEmbed.create(m, 8, 3, true);
            assertEquals(new Shape(1, 10, 8), a.getShape());
            assertEquals(DataType.FLOAT32, a.getDataType());
            assertArrayEquals(PosEmbed.sinCos2d(8, 3, true)[7], a.get(0, 7).toFloatArray());
        }
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> PosEmbed.sinCos2d(6, 2, true));
        assertThrows(IllegalArgumentException.class, () -> PosEmbed.sinCos2d(8, 0, true));
    }
}
