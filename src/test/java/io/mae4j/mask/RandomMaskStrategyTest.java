package io.mae4j.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mae4j.NdTestBase;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Pins the official MAE {@code random_masking} definition (src/site/markdown/definitions.md, "Random mask"). */
class RandomMaskStrategyTest extends NdTestBase {


    static MaskContext context(int b, int h, int w, long seed) {
        return new MaskContext(b, h, w, 0, 0L, seed, null, null);
    }

    @Test
    void lenKeepTruncatesLikeTheOfficialCode() {
        assertEquals(49, MaskResults.lenKeep(196, 0.75));
        assertEquals(12, MaskResults.lenKeep(49, 0.75)); // 12.25 → 12
        assertEquals(6, MaskResults.lenKeep(15, 0.6));
        assertEquals(4, MaskResults.lenKeep(4, 0.0));
        assertEquals(1, MaskResults.lenKeep(4, 0.75));
        assertThrows(IllegalArgumentException.class, () -> MaskResults.lenKeep(3, 0.75)); // 0 visible
        assertThrows(IllegalArgumentException.class, () -> MaskResults.lenKeep(10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> MaskResults.lenKeep(10, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new RandomMaskStrategy(Double.NaN));
    }

    @Test
    void givenNoiseReproducesHandComputedMask() {
        // row 0: argsort(0.5, 0.1, 0.9, 0.3) = [1, 3, 0, 2]; keep 2 → patches 1 and 3 visible
        // row 1: argsort(0.2, 0.8, 0.4, 0.6) = [0, 2, 3, 1]; keep 2 → patches 0 and 2 visible
        NDArray noise = manager.create(new float[] {0.5f, 0.1f, 0.9f, 0.3f, 0.2f, 0.8f, 0.4f, 0.6f}, new Shape(2, 4));
        MaskResult r = new RandomMaskStrategy(0.5).fromNoise(noise, manager);
        assertEquals(2, r.lenKeep());
        assertArrayEquals(new long[] {1, 3, 0, 2, 0, 2, 3, 1}, r.idsShuffle().toLongArray());
        assertArrayEquals(new long[] {2, 0, 3, 1, 0, 3, 1, 2}, r.idsRestore().toLongArray());
        assertArrayEquals(new float[] {1, 0, 1, 0, 0, 1, 0, 1}, r.mask().toFloatArray());
        assertEquals(DataType.FLOAT32, r.mask().getDataType());
        assertEquals(DataType.INT64, r.idsShuffle().getDataType());
        assertEquals(new Shape(2, 4), r.mask().getShape());
    }

    @Test
    void exactCountsAndInvariantsForSeveralRatiosAndGrids() {
        int[][] grids = {{2, 2}, {3, 5}, {7, 7}, {14, 14}};
        double[] ratios = {0.0, 0.25, 0.5, 0.6, 0.75, 0.9};
        for (int[] g : grids) {
            for (double ratio : ratios) {
                int n = g[0] * g[1];
                if ((int) (n * (1 - ratio)) < 1) {
                    continue;
                }
                MaskResult r = new RandomMaskStrategy(ratio).sample(context(3, g[0], g[1], 7), manager);
                checkInvariants(r, 3, n, (int) (n * (1 - ratio)));
            }
        }
    }

    /** Checks counts, the inverse permutation and mask == 1 exactly at ids_shuffle[lenKeep:]. */
    static void checkInvariants(MaskResult r, int b, int n, int expectedKeep) {
        assertEquals(expectedKeep, r.lenKeep());
        long[] shuffle = r.idsShuffle().toLongArray();
        long[] restore = r.idsRestore().toLongArray();
        float[] mask = r.mask().toFloatArray();
        assertEquals(b * n, shuffle.length);
        for (int i = 0; i < b; i++) {
            float[] expected = new float[n];
            for (int pos = 0; pos < n; pos++) {
                int patch = (int) shuffle[i * n + pos];
                assertEquals(pos, restore[i * n + patch], "ids_restore must invert ids_shuffle");
                expected[patch] = pos >= expectedKeep ? 1f : 0f;
            }
            float[] row = Arrays.copyOfRange(mask, i * n, (i + 1) * n);
            assertArrayEquals(expected, row, "mask must be 1 exactly at ids_shuffle[lenKeep:]");
            double removed = 0;
            for (float v : row) {
                removed += v;
            }
            assertEquals(n - expectedKeep, removed, 0.0, "exact masked count per image");
        }
    }

    @Test
    void sameSeedSameMaskDifferentSeedDifferentMask() {
        RandomMaskStrategy s = new RandomMaskStrategy(0.75);
        float[] a = s.sample(context(4, 14, 14, 42), manager).mask().toFloatArray();
        float[] b = s.sample(context(4, 14, 14, 42), manager).mask().toFloatArray();
        float[] c = s.sample(context(4, 14, 14, 43), manager).mask().toFloatArray();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        // images of one batch get different masks
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 0, 196), Arrays.copyOfRange(a, 196, 392)));
    }

    @Test
    void leavesOnlyTheThreeResultArrays() {
        for (MaskStrategy s : new MaskStrategy[] {new RandomMaskStrategy(0.75), new BlockMaskStrategy(0.75, 4, 0, 0.3)}) {
            try (NDManager sub = manager.newSubManager()) {
                s.sample(context(2, 8, 8, 1), sub);
                assertEquals(3, sub.getManagedArrays().size(), s.name() + " closes its temporaries");
            }
        }
    }

    @Test
    void rejectsBadInput() {
        RandomMaskStrategy s = new RandomMaskStrategy(0.5);
        assertThrows(IllegalArgumentException.class, () -> s.fromNoise(manager.zeros(new Shape(4)), manager));
        assertThrows(IllegalArgumentException.class, () -> s.sample(context(0, 4, 4, 1), manager));
    }
}
