package io.mae4j.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mae4j.NdTestBase;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pins BEiT-style block masking with MAE's exact per-image count. */
class BlockMaskStrategyTest extends NdTestBase {


    @Test
    void exactCountsAndInvariants() {
        int[][] grids = {{4, 4}, {7, 7}, {14, 14}, {6, 10}};
        double[] ratios = {0.25, 0.4, 0.5, 0.75, 0.9};
        for (int[] g : grids) {
            for (double ratio : ratios) {
                int n = g[0] * g[1];
                MaskResult r = new BlockMaskStrategy(ratio, 4, 0, 0.3)
                        .sample(RandomMaskStrategyTest.context(3, g[0], g[1], 11), manager);
                RandomMaskStrategyTest.checkInvariants(r, 3, n, (int) (n * (1 - ratio)));
                double fraction = r.scalars().get("mask/block_fraction");
                assertTrue(fraction >= 0 && fraction <= 1, "block fraction " + fraction);
            }
        }
    }

    @Test
    void masksAreBlockShapedUnlikeRandomMasks() {
        int b = 8;
        MaskContext ctx = RandomMaskStrategyTest.context(b, 14, 14, 5);
        MaskResult block = new BlockMaskStrategy(0.5, 16, 0, 0.3).sample(ctx, manager);
        MaskResult random = new RandomMaskStrategy(0.5).sample(ctx, manager);
        float[] bm = block.mask().toFloatArray();
        float[] rm = random.mask().toFloatArray();
        int blockComponents = 0;
        int randomComponents = 0;
        for (int i = 0; i < b; i++) {
            blockComponents += components(Arrays.copyOfRange(bm, i * 196, (i + 1) * 196), 14, 14);
            randomComponents += components(Arrays.copyOfRange(rm, i * 196, (i + 1) * 196), 14, 14);
        }
        // 98 masked patches per image: blocks of ≥ 16 patches give few components
        assertTrue(blockComponents <= b * 4, "block components " + blockComponents);
        assertTrue(blockComponents * 3 < randomComponents, blockComponents + " vs random " + randomComponents);
        assertTrue(block.scalars().get("mask/block_fraction") > 0.8, "mostly placed by blocks: " + block.scalars());
    }

    @Test
    void singleSquareBlockWhenAreaAndAspectArePinned() {
        // target 16 = min = max area, aspect 1 → exactly one 4 × 4 square, no top-up
        BlockMaskGenerator gen = new BlockMaskGenerator(14, 14, 16, 16, 16, 1.0);
        for (long seed = 0; seed < 5; seed++) {
            boolean[] mask = new boolean[196];
            assertEquals(16, gen.generate(new SplittableRandom(seed), mask));
            int minR = 99, maxR = -1, minC = 99, maxC = -1, count = 0;
            for (int j = 0; j < 196; j++) {
                if (mask[j]) {
                    count++;
                    minR = Math.min(minR, j / 14);
                    maxR = Math.max(maxR, j / 14);
                    minC = Math.min(minC, j % 14);
                    maxC = Math.max(maxC, j % 14);
                }
            }
            assertEquals(16, count);
            assertEquals(3, maxR - minR);
            assertEquals(3, maxC - minC);
        }
    }

    @Test
    void topsUpRandomlyWhenNoBlockFits() {
        // 4 × 4 grid, target 8, blocks of area ≥ 100 (side ≥ 3 → 9 > 8 new patches): all top-up
        MaskResult r = new BlockMaskStrategy(0.5, 100, 0, 1.0)
                .sample(RandomMaskStrategyTest.context(2, 4, 4, 3), manager);
        RandomMaskStrategyTest.checkInvariants(r, 2, 16, 8);
        assertEquals(0.0, r.scalars().get("mask/block_fraction"), 0.0);
    }

    @Test
    void seedDeterminesTheMask() {
        BlockMaskStrategy s = new BlockMaskStrategy(0.75, 16, 0, 0.3);
        float[] a = s.sample(RandomMaskStrategyTest.context(2, 14, 14, 9), manager).mask().toFloatArray();
        float[] b = s.sample(RandomMaskStrategyTest.context(2, 14, 14, 9), manager).mask().toFloatArray();
        float[] c = s.sample(RandomMaskStrategyTest.context(2, 14, 14, 10), manager).mask().toFloatArray();
        long[] sa = s.sample(RandomMaskStrategyTest.context(2, 14, 14, 9), manager).idsShuffle().toLongArray();
        long[] sb = s.sample(RandomMaskStrategyTest.context(2, 14, 14, 9), manager).idsShuffle().toLongArray();
        assertArrayEquals(a, b);
        assertArrayEquals(sa, sb);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new BlockMaskStrategy(1.0, 16, 0, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new BlockMaskStrategy(0.5, 0, 0, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new BlockMaskStrategy(0.5, 16, 8, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new BlockMaskStrategy(0.5, 16, 0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new BlockMaskStrategy(0.5, 16, 0, 1.5));
    }

    /** Number of 4-connected components of masked patches. */
    static int components(float[] mask, int h, int w) {
        boolean[] seen = new boolean[mask.length];
        int[] stack = new int[mask.length];
        int count = 0;
        for (int start = 0; start < mask.length; start++) {
            if (mask[start] != 1f || seen[start]) {
                continue;
            }
            count++;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int j = stack[--top];
                int r = j / w;
                int c = j % w;
                int[] next = {r > 0 ? j - w : -1, r < h - 1 ? j + w : -1, c > 0 ? j - 1 : -1, c < w - 1 ? j + 1 : -1};
                for (int k : next) {
                    if (k >= 0 && mask[k] == 1f && !seen[k]) {
                        seen[k] = true;
                        stack[top++] = k;
                    }
                }
            }
        }
        return count;
    }
}
