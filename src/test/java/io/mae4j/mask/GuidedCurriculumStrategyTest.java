package io.mae4j.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.NdTestBase;
import io.mae4j.data.CropGeometry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Pins the guided curriculum mask (src/site/markdown/definitions.md, "Guided curriculum mask") with hand-computed cases. */
class GuidedCurriculumStrategyTest extends NdTestBase {

    /** θ_j = 7·j mod 16: distinct, not monotone in j. */
    static final float[] THETA = new float[16];
    /** K = {0, 3, 5, 6, 9, 12}; θ there: 0, 5, 3, 10, 15, 4 → descending 9, 6, 3, 12, 5, 0. */
    static final int[] K6 = {0, 3, 5, 6, 9, 12};

    static {
        for (int j = 0; j < 16; j++) {
            THETA[j] = (7 * j) % 16;
        }
    }

    static int[] counts(int n, int... keypointPatches) {
        int[] t = new int[n];
        for (int j : keypointPatches) {
            t[j] = 2;
        }
        return t;
    }

    static TreeSet<Integer> chosen(boolean[] masked) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int j = 0; j < masked.length; j++) {
            if (masked[j]) {
                s.add(j);
            }
        }
        return s;
    }

    static boolean[] choose(int[] counts, float[] theta, int m, double beta, long seed) {
        return GuidedCurriculumStrategy.choose(counts, theta, m, beta, new SplittableRandom(seed), 0);
    }

    @Test
    void quarterBetaTakesTwoHighestKeypointPatchesAndSixLowestOthers() {
        // N = 16, r = 0.5 → M = 8, β = 0.25 → M_K = 2: K by θ desc → 9 (15), 6 (10);
        // outside K by θ asc → 7 (1), 14 (2), 10 (6), 1 (7), 8 (8), 15 (9)
        boolean[] m = choose(counts(16, K6), THETA, 8, 0.25, 1);
        assertEquals(new TreeSet<>(List.of(9, 6, 7, 14, 10, 1, 8, 15)), chosen(m));
    }

    @Test
    void maskedKeypointCountIsRoundBetaTimesM() {
        int[] t = counts(16, 0, 1, 2, 3, 4, 5, 6, 7); // |K| = 8 = |outside|
        double[] betas = {0.0, 0.1, 0.25, 0.3, 0.3125, 0.5, 0.9, 1.0};
        int[] expected = {0, 1, 2, 2, 3, 4, 7, 8}; // round(β·8), 2.5 → 3 (half up)
        for (int i = 0; i < betas.length; i++) {
            boolean[] m = choose(t, THETA, 8, betas[i], i);
            long inK = chosen(m).stream().filter(j -> j < 8).count();
            assertEquals(expected[i], inK, "β = " + betas[i]);
            assertEquals(8, chosen(m).size(), "β = " + betas[i]);
        }
    }

    @Test
    void shortKeypointListIsFilledFromTheOthers() {
        // K = {9}: β = 0.5 wants 4 from K, only 1 exists → 9, then the 7 lowest θ outside K
        boolean[] m = choose(counts(16, 9), THETA, 8, 0.5, 3);
        assertEquals(new TreeSet<>(List.of(9, 0, 7, 14, 5, 12, 3, 10)), chosen(m)); // θ 15 | 0, 1, 2, 3, 4, 5, 6
        // no keypoints at all: the 8 lowest θ
        assertEquals(new TreeSet<>(List.of(0, 7, 14, 5, 12, 3, 10, 1)), chosen(choose(new int[16], THETA, 8, 0.5, 3))); // θ 0 … 7
    }

    @Test
    void shortNonKeypointListIsFilledFromKeypoints() {
        // outside K = {2, 7}: β = 0.25 wants 6 from outside, only 2 exist → K gives 6, highest θ first:
        // 9 (15), 11 (13), 4 (12), 13 (11), 6 (10), 15 (9)
        int[] t = counts(16, 0, 1, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15);
        assertEquals(new TreeSet<>(List.of(2, 7, 9, 11, 4, 13, 6, 15)), chosen(choose(t, THETA, 8, 0.25, 4)));
    }

    @Test
    void nanThetaHasTheLowestPriorityInBothLists() {
        float[] theta = {Float.NaN, 0.5f, 0.2f, 0.9f};
        assertEquals(new TreeSet<>(List.of(1, 2)), chosen(choose(new int[4], theta, 2, 0, 0))); // asc: 2, 1, then NaN
        assertEquals(new TreeSet<>(List.of(1, 2, 3)), chosen(choose(new int[4], theta, 3, 0, 0)));
        int[] all = {1, 1, 1, 1};
        assertEquals(new TreeSet<>(List.of(1, 3)), chosen(choose(all, theta, 2, 1, 0))); // desc: 3, 1, 2, then NaN
        assertEquals(new TreeSet<>(List.of(1, 2, 3)), chosen(choose(all, theta, 3, 1, 0)));
        assertEquals(4, chosen(choose(all, theta, 4, 1, 0)).size());
    }

    @Test
    void tiesAreBrokenAtRandomAndReproduciblyBySeed() {
        float[] flat = new float[16];
        int[] hits = new int[16];
        boolean differs = false;
        for (long seed = 0; seed < 200; seed++) {
            boolean[] m = choose(new int[16], flat, 4, 0, seed);
            assertArrayEquals(m, choose(new int[16], flat, 4, 0, seed), "same seed, same choice");
            differs |= !chosen(m).equals(chosen(choose(new int[16], flat, 4, 0, seed + 1000)));
            chosen(m).forEach(j -> hits[j]++);
        }
        assertTrue(differs);
        for (int j = 0; j < 16; j++) {
            assertTrue(hits[j] > 20 && hits[j] < 80, "patch " + j + " masked " + hits[j] + "/200 times, expected ~50");
        }
    }

    @Test
    void gumbelTopKFollowsSoftmaxOfThetaOverTau() {
        float[] theta = new float[16];
        for (int j = 0; j < 16; j++) {
            theta[j] = j / 4f;
        }
        // τ → 0 is the strict order
        assertEquals(new TreeSet<>(List.of(0, 1, 2)), chosen(GuidedCurriculumStrategy.choose(new int[16], theta, 3, 0,
                new SplittableRandom(5), 1e-6)));
        // τ = 1, M = 1 outside K: P(j) = exp(−θ_j) / Σ exp(−θ_i); P(0) = 1 / 4.438 = 0.2253
        int[] hits = new int[16];
        for (long seed = 0; seed < 2000; seed++) {
            chosen(GuidedCurriculumStrategy.choose(new int[16], theta, 1, 0, new SplittableRandom(seed), 1.0))
                    .forEach(j -> hits[j]++);
        }
        double p0 = hits[0] / 2000.0;
        assertTrue(p0 > 0.19 && p0 < 0.26, "P(0) = " + p0);
        assertTrue(hits[0] > hits[4] && hits[4] > hits[12], java.util.Arrays.toString(hits));
        assertTrue(hits[8] > 0, "stochastic selection also masks mid-θ patches");
    }

    static ImageScores centredKeypoints(float[] theta, int... patches) {
        float[] kp = new float[2 * patches.length];
        for (int i = 0; i < patches.length; i++) {
            kp[2 * i] = (patches[i] % 4 + 0.5f) / 4; // normalised patch centre on a 4x4 grid
            kp[2 * i + 1] = (patches[i] / 4 + 0.5f) / 4;
        }
        return new ImageScores(4, theta, kp, new float[patches.length], new float[patches.length]);
    }

    @Test
    void batchMasksExactlyMPerImageAndLogsBeta() {
        float[] ascending = new float[16];
        for (int j = 0; j < 16; j++) {
            ascending[j] = j;
        }
        Path a = Path.of("data/a.png");
        Path b = Path.of("data/b.png");
        Map<Path, ImageScores> cache = Map.of(a, centredKeypoints(THETA, K6), b, centredKeypoints(ascending));
        GuidedCurriculumStrategy s = new GuidedCurriculumStrategy(0.5, BetaSchedule.paper(), cache::get, 0);
        CropGeometry whole = CropGeometry.whole(64, 64, 64, 64);
        // epoch 12: β = 0.2, M = 8 → M_K = round(1.6) = 2, as in the β = 0.25 case above
        MaskResult r = s.sample(new MaskContext(2, 4, 4, 12, 0, 7, List.of(whole, whole), List.of(a, b)), manager);
        assertEquals(8, r.lenKeep());
        float[] expected = new float[32];
        for (int j : List.of(9, 6, 7, 14, 10, 1, 8, 15)) {
            expected[j] = 1;
        }
        for (int j = 0; j < 8; j++) {
            expected[16 + j] = 1; // image b has no keypoints: its 8 lowest θ, patches 0 … 7
        }
        assertArrayEquals(expected, r.mask().toFloatArray());
        assertEquals(0.2, r.scalars().get("mask/beta"), 0.0);
        assertEquals((2 / 8.0 + 0) / 2, r.scalars().get("mask/beta_effective"), 1e-12);
        long[] shuffle = r.idsShuffle().toLongArray();
        for (int i = 0; i < 2; i++) {
            for (int p = 0; p < 8; p++) {
                assertEquals(0f, expected[i * 16 + (int) shuffle[i * 16 + p]], "visible patches come first");
            }
        }
        MaskResult again = s.sample(new MaskContext(2, 4, 4, 12, 0, 7, List.of(whole, whole), List.of(a, b)), manager);
        assertArrayEquals(shuffle, again.idsShuffle().toLongArray(), "same seed, same ids_shuffle");
        // without geometries the whole image is assumed
        MaskResult noGeometry = s.sample(new MaskContext(2, 4, 4, 12, 0, 7, null, List.of(a, b)), manager);
        assertArrayEquals(expected, noGeometry.mask().toFloatArray());
    }

    @Test
    void keypointsAndThetaAreRemappedThroughCropAndFlip() {
        // source 100x100, crop [50, 100) x [0, 50) resized to 32x32 (2x2 grid of 16 px patches), then flipped.
        // keypoint (0.6, 0.1) → source (60, 10) → unflipped (6.4, 6.4) → flipped (25.6, 6.4) → patch 1;
        // keypoint (0.3, 0.3) is outside the crop and dropped.
        // θ̄ on a 4x4 canonical grid (25 px cells), θ̄[c] = c. Patch centres (8, 8), (24, 8), (8, 24), (24, 24)
        // → unflipped x 24, 8, 24, 8 → source x 87.5, 62.5 → cell columns 3, 2; source y 12.5, 37.5 → rows 0, 1
        // → θ = [3, 2, 7, 6].
        float[] canonical = new float[16];
        for (int c = 0; c < 16; c++) {
            canonical[c] = c;
        }
        ImageScores scores = new ImageScores(4, canonical, new float[] {0.6f, 0.1f, 0.3f, 0.3f}, new float[2], new float[2]);
        CropGeometry flipped = new CropGeometry(100, 100, 50, 0, 50, 50, 32, 32, true);
        CropScores cs = CropScores.of(scores, flipped, 2, 2);
        assertArrayEquals(new int[] {0, 1, 0, 0}, cs.counts());
        assertArrayEquals(new float[] {3, 2, 7, 6}, cs.theta());
        CropScores unflipped = CropScores.of(scores, new CropGeometry(100, 100, 50, 0, 50, 50, 32, 32, false), 2, 2);
        assertArrayEquals(new int[] {1, 0, 0, 0}, unflipped.counts());
        assertArrayEquals(new float[] {2, 3, 6, 7}, unflipped.theta());
        // through the strategy: r = 0.5, β = 1 → M = 2, M_K = 2 but |K| = 1 → patch 1, then the lowest θ outside
        // K, patch 0 (θ 3)
        GuidedCurriculumStrategy s = new GuidedCurriculumStrategy(0.5, BetaSchedule.constant(1), p -> scores, 0);
        MaskResult r = s.sample(new MaskContext(1, 2, 2, 0, 0, 1, List.of(flipped), List.of(Path.of("x.jpg"))), manager);
        assertArrayEquals(new float[] {1, 1, 0, 0}, r.mask().toFloatArray());
        assertEquals(0.5, r.scalars().get("mask/beta_effective"), 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> CropScores.of(scores, new CropGeometry(100, 100, 0, 0, 50, 50, 32, 48, false), 2, 2));
    }

    @Test
    void missingScoresAndMissingSourcesAreErrors() {
        GuidedCurriculumStrategy s = new GuidedCurriculumStrategy(0.5, BetaSchedule.paper(), p -> null, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.sample(new MaskContext(1, 2, 2, 0, 0, 1, null, List.of(Path.of("train/n01/img7.JPEG"))), manager));
        assertTrue(e.getMessage().contains("img7.JPEG") && e.getMessage().contains("rebuild"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.sample(new MaskContext(1, 2, 2, 0, 0, 1, null, null), manager));
        assertThrows(IllegalArgumentException.class, () -> new GuidedCurriculumStrategy(0.5, BetaSchedule.paper(), p -> null, -1));
        assertThrows(IllegalArgumentException.class, () -> new GuidedCurriculumStrategy(1.0, BetaSchedule.paper(), p -> null, 0));
        assertFalse(s.toString().isEmpty());
    }
}
