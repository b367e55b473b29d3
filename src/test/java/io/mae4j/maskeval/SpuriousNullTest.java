package io.mae4j.maskeval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The finder's null on constructed clean and shortcut images, and Benjamini–Hochberg on hand p-values. */
class SpuriousNullTest {

    private static final int N = 64;

    /** Keypoint patches 0..k-1 (the "object"), the rest background. */
    private static int[] counts(int k) {
        int[] t = new int[N];
        for (int j = 0; j < k; j++) {
            t[j] = 2;
        }
        return t;
    }

    /**
     * Attention shares: each of the 6 (layer, head) pairs gives patch i one attended patch. Background
     * patches attend anywhere (uniformly). Clean: object patches attend to the object (15% of the time
     * anywhere). Shortcut: object patches attend to the background (2% of the time anywhere).
     */
    private static float[][] shares(int k, boolean shortcut, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] a = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int r = 0; r < 6; r++) {
                int j;
                if (i >= k || rng.nextDouble() < (shortcut ? 0.02 : 0.15)) {
                    j = rng.nextInt(N);
                } else {
                    j = shortcut ? k + rng.nextInt(N - k) : rng.nextInt(k);
                }
                a[i][j] = Math.min(1f, a[i][j] + 1f / 6);
            }
        }
        return a;
    }

    @Test
    void cleanImagesAreNotFlaggedShortcutImagesAre() {
        int images = 40;
        double[] p = new double[2 * images];
        for (int i = 0; i < images; i++) {
            SpuriousNull.ImageTest clean = SpuriousNull.test(counts(10), shares(10, false, i), 500, 3, i);
            SpuriousNull.ImageTest shortcut = SpuriousNull.test(counts(10), shares(10, true, 100 + i), 500, 3,
                    images + i);
            assertTrue(clean.observed() > clean.nullMean(), "clean: the object attends to itself");
            assertTrue(shortcut.observed() < shortcut.nullMean(), "shortcut: the object attends away");
            p[i] = clean.p();
            p[images + i] = shortcut.p();
        }
        boolean[] flag = SpuriousNull.benjaminiHochberg(p, 0.1);
        int cleanFlags = 0;
        int shortcutFlags = 0;
        for (int i = 0; i < images; i++) {
            cleanFlags += flag[i] ? 1 : 0;
            shortcutFlags += flag[images + i] ? 1 : 0;
        }
        assertEquals(0, cleanFlags);
        assertEquals(images, shortcutFlags);
        // every shortcut image is below every clean one
        for (int i = 0; i < images; i++) {
            assertTrue(p[images + i] < 0.05 && p[i] > 0.5, "clean p " + p[i] + ", shortcut p " + p[images + i]);
        }
    }

    @Test
    void seededAndUntestableCases() {
        float[][] a = shares(10, true, 5);
        assertEquals(SpuriousNull.test(counts(10), a, 100, 9, 4), SpuriousNull.test(counts(10), a, 100, 9, 4));
        // no keypoint patch, one, or all: nothing to compare with
        assertEquals(1.0, SpuriousNull.test(counts(0), a, 100, 9, 4).p());
        assertEquals(1.0, SpuriousNull.test(counts(1), a, 100, 9, 4).p());
        assertEquals(1.0, SpuriousNull.test(counts(N), a, 100, 9, 4).p());
    }

    @Test
    void cohesionByHand() {
        float[][] a = new float[4][4];
        a[0][1] = 1f; // inside {0, 1}
        a[0][2] = 1f; // leaves
        a[1][3] = 0.5f; // leaves
        // inside 1 of total 2.5
        assertEquals(0.4, SpuriousNull.cohesion(new boolean[] {true, true, false, false}, a), 1e-12);
        assertTrue(Double.isNaN(SpuriousNull.cohesion(new boolean[] {false, false, true, true}, a)));
    }

    @Test
    void benjaminiHochbergByHand() {
        // m = 5, q = 0.1: thresholds .02 .04 .06 .08 .10 for ranks 1..5.
        // sorted p: .001 (1) .03 (2) .05 (3) .07 (4) .5 (5): rank 4 passes (.07 <= .08), so ranks 1-4 are
        // discoveries even though .05 > .04 · … step-up takes the largest passing rank
        double[] p = {0.07, 0.5, 0.001, 0.05, 0.03};
        assertArrayEquals(new boolean[] {true, false, true, true, true}, SpuriousNull.benjaminiHochberg(p, 0.1));
        // nothing passes
        assertArrayEquals(new boolean[] {false, false}, SpuriousNull.benjaminiHochberg(new double[] {0.2, 0.9}, 0.1));
    }
}
