package io.mae4j.maskeval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The finder's definitions on a hand-built 3×3 grid. */
class SpuriousFinderTest {

    /**
     * Patches 0..8; keypoint patches K = {0, 4, 8} (t = 2, 5, 1). θ̄: 0.2 (0, flagged), 0.7 (4, not),
     * 0.49 (8, flagged), and low values on non-keypoint patches (never flagged). Shares: 0 attends
     * to 1 (0.75), 2 (0.5), 4 (1.0, a keypoint: not listed) and 3 (0.25, below min_share); 8
     * attends to 2 (0.6) and 7 (0.9); 4 attends to 5 (1.0) but is not flagged.
     */
    @Test
    void flagsKeypointPatchesBelowTheThresholdAndRanksWhatTheyAttend() {
        float[] theta = {0.2f, 0.1f, 0.1f, 0.1f, 0.7f, 0.1f, 0.1f, 0.1f, 0.49f};
        int[] t = {2, 0, 0, 0, 5, 0, 0, 0, 1};
        float[][] share = new float[9][9];
        share[0][1] = 0.75f;
        share[0][2] = 0.5f;
        share[0][4] = 1.0f;
        share[0][3] = 0.25f;
        share[8][2] = 0.6f;
        share[8][7] = 0.9f;
        share[4][5] = 1.0f;
        SpuriousFinder.Finding f = new SpuriousFinder(0.5, 0.5, 10).find(theta, t, share);
        assertEquals(3, f.keypointPatches());
        assertEquals(2, f.flagged().size());
        SpuriousFinder.Flag a = f.flagged().get(0);
        assertEquals(0, a.patch());
        assertEquals(2, a.keypoints());
        assertArrayEquals(new int[] {1, 2}, a.attends());
        assertArrayEquals(new float[] {0.75f, 0.5f}, a.shares());
        SpuriousFinder.Flag b = f.flagged().get(1);
        assertEquals(8, b.patch());
        assertArrayEquals(new int[] {7, 2}, b.attends());
        // W_2 = 0.5 + 0.6 = 1.1, W_7 = 0.9, W_1 = 0.75
        assertArrayEquals(new int[] {2, 7, 1}, f.drop());
        assertArrayEquals(new int[] {2, 7}, new SpuriousFinder(0.5, 0.5, 2).find(theta, t, share).drop(), "capped");
        // a stricter threshold flags only patch 0; a stricter share keeps only 0.75+ entries
        SpuriousFinder.Finding strict = new SpuriousFinder(0.3, 0.8, 10).find(theta, t, share);
        assertEquals(1, strict.flagged().size());
        assertArrayEquals(new int[] {}, strict.drop());
        assertArrayEquals(new int[] {1, 2, 3, 5, 6, 7}, SpuriousFinder.nonKeypoints(t));
    }

    @Test
    void nanThetaAndNoKeypointsFlagNothing() {
        float[] theta = {Float.NaN, 0.1f, 0.1f, 0.1f};
        float[][] share = new float[4][4];
        share[0][1] = 1;
        SpuriousFinder.Finding f = new SpuriousFinder(0.5, 0.5, 4).find(theta, new int[] {3, 0, 0, 0}, share);
        assertTrue(f.flagged().isEmpty());
        assertEquals(0, f.drop().length);
        assertTrue(new SpuriousFinder(0.5, 0.5, 4).find(theta, new int[4], share).flagged().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new SpuriousFinder(0.5, 0, 4));
    }
}
