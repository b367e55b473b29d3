package io.mae4j.maskeval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Drop counts (round half up of r · N), θ̄ ranking with seeded ties, Top / Bottom relations. */
class DropRankingTest {

    @Test
    void dropCountsRoundHalfUp() {
        double[] r = {0, 0.05, 0.1, 0.2, 0.3, 0.4};
        // N = 16: 0.8 → 1, 1.6 → 2, 3.2 → 3, 4.8 → 5, 6.4 → 6
        assertArrayEquals(new int[] {0, 1, 2, 3, 5, 6}, Arrays.stream(r).mapToInt(x -> DropPlan.count(x, 16)).toArray());
        // N = 64: 3.2 → 3, 6.4 → 6, 12.8 → 13, 19.2 → 19, 25.6 → 26
        assertArrayEquals(new int[] {0, 3, 6, 13, 19, 26}, Arrays.stream(r).mapToInt(x -> DropPlan.count(x, 64)).toArray());
        // N = 196 (ViT-B/16): 9.8 → 10, 19.6 → 20, 39.2 → 39, 58.8 → 59, 78.4 → 78
        assertArrayEquals(new int[] {0, 10, 20, 39, 59, 78},
                Arrays.stream(r).mapToInt(x -> DropPlan.count(x, 196)).toArray());
        assertEquals(2, DropPlan.count(0.125, 16)); // exact
        assertEquals(1, DropPlan.count(0.5 / 16, 16)); // exactly half a patch rounds up
    }

    @Test
    void badRatiosNameTheValue() {
        for (double bad : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DropPlan.count(bad, 16));
            assertTrue(e.getMessage().contains("ratio " + bad), e.getMessage());
        }
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class, () -> DropPlan.count(0.99, 16));
        assertTrue(all.getMessage().contains("0.99") && all.getMessage().contains("all 16"), all.getMessage());
    }

    @Test
    void keptIsTheAscendingComplement() {
        assertArrayEquals(new long[] {0, 2, 4, 5}, DropPlan.kept(new int[] {3, 1}, 6));
        assertThrows(IllegalArgumentException.class, () -> DropPlan.kept(new int[] {1, 1}, 6));
        assertThrows(IllegalArgumentException.class, () -> DropPlan.kept(new int[] {6}, 6));
    }

    @Test
    void orderIsAscendingWithSeededTieBreaks() {
        float[] theta = {0.5f, 0.1f, 0.5f, 0.9f, 0.5f, Float.NaN, 0.1f, 0.5f};
        ThetaOrder a = ThetaOrder.of(theta, 7, 3);
        assertArrayEquals(a.ascending(), ThetaOrder.of(theta, 7, 3).ascending(), "same seed and image: same order");
        int[] asc = a.ascending();
        assertEquals(5, asc[0], "NaN ranks lowest");
        assertEquals(Set.of(1, 6), Set.of(asc[1], asc[2]));
        assertEquals(Set.of(0, 2, 4, 7), Set.of(asc[3], asc[4], asc[5], asc[6]));
        assertEquals(3, asc[7]);
        assertArrayEquals(new int[] {3}, a.top(1));
        assertArrayEquals(new int[] {5, asc[1], asc[2]}, a.bottom(3));
        // the ties among the four 0.5 patches come out in more than one order across seeds and images
        Set<String> tieOrders = new HashSet<>();
        for (int s = 0; s < 20; s++) {
            int[] o = ThetaOrder.of(theta, s, s % 3).ascending();
            tieOrders.add(Arrays.toString(Arrays.copyOfRange(o, 3, 7)));
            for (int i = 0; i + 1 < o.length; i++) { // never out of value order
                float x = theta[o[i]];
                float y = theta[o[i + 1]];
                assertTrue(Float.isNaN(x) || x <= y, Arrays.toString(o));
            }
        }
        assertTrue(tieOrders.size() > 3, tieOrders.toString());
    }

    @Test
    void topAndBottomAreDisjointAndComplementary() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n : new int[] {16, 64}) {
            float[] theta = new float[n];
            for (int j = 0; j < n; j++) {
                theta[j] = rng.nextInt(5) / 4f; // many ties
            }
            ThetaOrder o = ThetaOrder.of(theta, 0, 0);
            for (double r : new double[] {0.05, 0.1, 0.2, 0.3, 0.4}) {
                int d = DropPlan.count(r, n);
                Set<Integer> top = set(o.top(d));
                Set<Integer> bottom = set(o.bottom(d));
                assertEquals(d, top.size());
                assertEquals(d, bottom.size());
                top.retainAll(bottom);
                assertTrue(top.isEmpty(), "Top and Bottom at r=" + r + " share patches " + top);
                // Top at r and Bottom at 1 − r partition the patches
                int dc = DropPlan.count(1 - r, n);
                assertEquals(n, d + dc, "r=" + r + " N=" + n);
                Set<Integer> union = set(o.top(d));
                Set<Integer> comp = set(o.bottom(dc));
                assertTrue(java.util.Collections.disjoint(union, comp));
                union.addAll(comp);
                assertEquals(n, union.size());
                // every Top patch has θ̄ ≥ every kept patch; every Bottom patch ≤ every kept patch
                float minTop = min(theta, o.top(d));
                for (long k : DropPlan.kept(o.top(d), n)) {
                    assertTrue(theta[(int) k] <= minTop);
                }
            }
        }
    }

    @Test
    void randomControlIsReproducibleDifferentAndUniform() {
        assertArrayEquals(RandomDrops.draw(64, 13, 5, 2, 1), RandomDrops.draw(64, 13, 5, 2, 1));
        assertFalse(Arrays.equals(RandomDrops.draw(64, 13, 5, 2, 1), RandomDrops.draw(64, 13, 5, 3, 1)), "per image");
        assertFalse(Arrays.equals(RandomDrops.draw(64, 13, 5, 2, 1), RandomDrops.draw(64, 13, 5, 2, 2)), "per repeat");
        assertFalse(Arrays.equals(RandomDrops.draw(64, 13, 5, 2, 1), RandomDrops.draw(64, 13, 6, 2, 1)), "per seed");
        int[] d = RandomDrops.draw(64, 13, 5, 2, 1);
        assertEquals(13, set(d).size(), "distinct");
        assertArrayEquals(Arrays.copyOf(d, 6), RandomDrops.draw(64, 6, 5, 2, 1), "nested across ratios");
        // coverage: 4000 draws of 4 of 16 → each patch expected 1000 times (sd ≈ 27)
        int[] hits = new int[16];
        for (int img = 0; img < 800; img++) {
            for (int k = 0; k < 5; k++) {
                for (int j : RandomDrops.draw(16, 4, 0, img, k)) {
                    hits[j]++;
                }
            }
        }
        for (int h : hits) {
            assertTrue(Math.abs(h - 1000) < 130, Arrays.toString(hits));
        }
    }

    private static Set<Integer> set(int[] v) {
        Set<Integer> s = new HashSet<>();
        for (int x : v) {
            s.add(x);
        }
        return s;
    }

    private static float min(float[] theta, int[] idx) {
        float m = Float.POSITIVE_INFINITY;
        for (int j : idx) {
            m = Math.min(m, theta[j]);
        }
        return m;
    }

}
