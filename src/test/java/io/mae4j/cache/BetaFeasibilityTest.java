package io.mae4j.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mae4j.mask.ImageScores;
import java.util.List;
import org.junit.jupiter.api.Test;

/** β feasibility arithmetic: β_max from keypoint-patch counts, supported share, expected beta_effective. */
class BetaFeasibilityTest {

    /** N = 64, M = 32; three images with two crops each. */
    private static final BetaFeasibility HAND = new BetaFeasibility(64, 32, new int[] {3, 50, 9},
            new int[][] {{0, 16}, {32, 64}, {8, 8}});

    @Test
    void betaMaxIsTheMeanOverCropsOfKOverMCappedAtOne() {
        assertEquals(0.25, BetaFeasibility.betaMax(8, 32), 1e-12);
        assertEquals(1.0, BetaFeasibility.betaMax(40, 32), 1e-12);
        assertEquals(1.0, BetaFeasibility.betaMax(0, 0), 1e-12);
        // (0/32 + 16/32) / 2, (1 + 1) / 2, (8/32 + 8/32) / 2
        assertArrayEquals(new double[] {0.25, 1.0, 0.25}, HAND.betaMax(), 1e-12);
    }

    @Test
    void supportedShareAndBeta() {
        assertEquals(1.0, HAND.shareSupporting(0.25), 1e-12);
        assertEquals(1.0 / 3, HAND.shareSupporting(0.5), 1e-12);
        assertEquals(0.25, HAND.supportedBeta(0.9), 1e-12); // every image supports 0.25
        assertEquals(1.0, HAND.supportedBeta(1.0 / 3), 1e-12); // one image in three supports 1
    }

    @Test
    void expectedEffectiveFollowsTheGuidedMaskIncludingTheFill() {
        // β = 0.5: want 16 of K; k = 0 -> 0, 16 -> 16, 32 -> 16, 64 -> 32 (no other patches: K fills), 8 -> 8, 8 -> 8
        assertEquals((0 + 16 + 16 + 32 + 8 + 8) / 32.0 / 6, HAND.expectedEffective(0.5), 1e-12);
        // β = 0.1: want round(3.2) = 3: 0, 3, 3, 32, 3, 3
        assertEquals((0 + 3 + 3 + 32 + 3 + 3) / 32.0 / 6, HAND.expectedEffective(0.1), 1e-12);
    }

    @Test
    void cropCountsComeFromTheCachedKeypoints() {
        // a 100 x 100 image with keypoints in patch (0, 0) and two in patch (7, 7) of an 8 x 8 grid; crops of the whole
        // image (scale and ratio fixed at 1): k = 2 in every crop, M = 64 - int(64 * 0.25) = 48
        ImageScores s = new ImageScores(2, new float[4], new float[] {0.05f, 0.05f, 0.9f, 0.9f, 0.95f, 0.92f},
                new float[] {0.01f, 0.01f, 0.01f}, new float[] {1, 1, 1});
        BetaFeasibility f = BetaFeasibility.of(List.of(new CacheEntry("a.png", 100, 100, s)),
                new BetaFeasibility.Crops(64, 8, new double[] {1, 1}, new double[] {1, 1}), 0.75, 3);
        assertEquals(48, f.masked());
        assertEquals(3, f.keypoints()[0]);
        for (int k : f.kpPatches()[0]) {
            assertEquals(2, k);
        }
        assertEquals(2.0 / 48, f.betaMax()[0], 1e-12);
    }
}
