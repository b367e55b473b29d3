package io.mae4j.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mae4j.util.EngineSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * src/site/markdown/definitions.md's definitions pinned on a 2 x 2 patch grid (N = 4) whose every number is worked out by
 * hand below. Values are multiples of 1/32, so sums and detection lines are exact in float32.
 *
 * <pre>
 * t = [2, 0, 1, 0]  ->  K = {0, 2}, non-keypoint rows {1, 3}
 * A[i+1, 0] (CLS share) = 8/32 for every patch row; patch block rows (x 1/32), each summing to 24:
 *   row 0: 12  2  6  4   line γ·24/4 = 6 -> S_0 = {0, 2} (6 ≥ 6 counts)  θw = 3/3 = 1      θu = 2/2
 *   row 1:  3  9  3  9                 -> S_1 = {1, 3}              θw = 0/2 = 0      θu = 0
 *   row 2:  8  8  4  4                 -> S_2 = {0, 1}              θw = 2/(1+2)=2/3  θu = 1/2
 *   row 3:  6  6  6  6   constant      -> S_3 = {0, 1, 2, 3}        θw = 3/(2+3)=3/5  θu = 2/4
 * θ_KK,w = (1 + 2/3)/2 = 5/6   θ_NK,w = (0 + 3/5)/2 = 3/10   θ_KK,u = 3/4   θ_NK,u = 1/4
 * focus: row 0 x = [10,0,4,2]/10 -> p = [10,0,4,2]/16; rows 1, 2 -> ln 2; row 3 constant -> ln 4
 * </pre>
 */
class AttentionMeasuresTest {

    static NDManager manager;

    static final float[][] ROWS = {{12, 2, 6, 4}, {3, 9, 3, 9}, {8, 8, 4, 4}, {6, 6, 6, 6}};
    static final float[] T = {2, 0, 1, 0};

    @BeforeAll
    static void start() {
        EngineSetup.start(2, 1);
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** A (1, 1, 5, 5): CLS row uniform, patch rows with CLS share 8/32 and the rows above. */
    static NDArray attention(NDManager m, float[][] rows, float clsShare) {
        int n = rows.length;
        float[] a = new float[(n + 1) * (n + 1)];
        for (int j = 0; j <= n; j++) {
            a[j] = 1f / (n + 1);
        }
        for (int i = 0; i < n; i++) {
            a[(i + 1) * (n + 1)] = clsShare;
            for (int j = 0; j < n; j++) {
                a[(i + 1) * (n + 1) + j + 1] = rows[i][j] / 32f;
            }
        }
        return m.create(a, new Shape(1, 1, n + 1, n + 1));
    }

    static NDArray counts(NDManager m, float[] t) {
        return m.create(t, new Shape(1, t.length));
    }

    static AnalysisSettings settings() {
        return AnalysisSettings.defaults();
    }

    @Test
    void attendedSetsByHand() {
        try (NDManager m = manager.newSubManager()) {
            float[] s = AttentionMeasures.attendedSets(attention(m, ROWS, 8 / 32f), settings()).toFloatArray();
            assertArrayEquals(new float[] {1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1}, s);
            float[] noSelf = AttentionMeasures.attendedSets(attention(m, ROWS, 8 / 32f),
                    settings().withIncludeSelf(false)).toFloatArray();
            assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0}, noSelf);
        }
    }

    @Test
    void rowThetasAndHeadCombinationsByHand() {
        try (NDManager m = manager.newSubManager()) {
            NDList r = AttentionMeasures.rows(attention(m, ROWS, 8 / 32f), counts(m, T), settings());
            assertArrayEquals(new float[] {1, 0, 2f / 3, 3f / 5}, r.get(0).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1, 0, 0.5f, 0.5f}, r.get(1).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1, 1, 1, 1}, r.get(2).toFloatArray());
            assertArrayEquals(new float[] {2, 2, 2, 4}, r.get(3).toFloatArray());
            LayerMeasures lm = AttentionMeasures.compute(attention(m, ROWS, 8 / 32f), counts(m, T), settings(), true);
            assertEquals(5 / 6.0, lm.get(AttentionMeasures.KK_W, 0, 0), 1e-6);
            assertEquals(3 / 10.0, lm.get(AttentionMeasures.NK_W, 0, 0), 1e-6);
            assertEquals(3 / 4.0, lm.get(AttentionMeasures.KK_U, 0, 0), 1e-6);
            assertEquals(1 / 4.0, lm.get(AttentionMeasures.NK_U, 0, 0), 1e-6);
            assertEquals(0, lm.get(AttentionMeasures.UNDEFINED, 0, 0));
            assertEquals(2, lm.get(AttentionMeasures.KEY_ROWS, 0, 0));
            assertEquals(2, lm.get(AttentionMeasures.NON_ROWS, 0, 0));
            // θ̄ parts: one head, so the sum is θ_i itself and the count 1
            assertArrayEquals(new float[] {1, 0, 2f / 3, 3f / 5, 1, 1, 1, 1}, lm.thetaBar(), 1e-6f);
        }
    }

    @Test
    void focusIndexByHand() {
        double row0 = -(10 / 16.0 * Math.log(10 / 16.0) + 4 / 16.0 * Math.log(4 / 16.0) + 2 / 16.0 * Math.log(2 / 16.0));
        double[] expected = {row0, Math.log(2), Math.log(2), Math.log(4)};
        try (NDManager m = manager.newSubManager()) {
            float[] delta = AttentionMeasures.focusRows(attention(m, ROWS, 8 / 32f)).toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(expected[i], delta[i], 1e-5, "row " + i);
            }
            LayerMeasures lm = AttentionMeasures.compute(attention(m, ROWS, 8 / 32f), counts(m, T), settings(), false);
            assertEquals((row0 + 2 * Math.log(2) + Math.log(4)) / 4, lm.get(AttentionMeasures.FOCUS, 0, 0), 1e-5);
        }
    }

    @Test
    void withoutSelfByHand() {
        // S_0 = {2}: θw = 1; S_1 = {3}: 0; S_2 = {0, 1}: 2/3; S_3 = {0, 1, 2}: (2+1)/(1+3) = 3/4, θu = 2/3
        try (NDManager m = manager.newSubManager()) {
            AnalysisSettings s = settings().withIncludeSelf(false);
            NDList r = AttentionMeasures.rows(attention(m, ROWS, 8 / 32f), counts(m, T), s);
            assertArrayEquals(new float[] {1, 0, 2f / 3, 3f / 4}, r.get(0).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1, 0, 0.5f, 2f / 3}, r.get(1).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void largeGammaEmptiesSetsAndRowsBecomeUndefined() {
        try (NDManager m = manager.newSubManager()) {
            // γ = 2: line 12/32 -> only row 0 keeps {0} (12 ≥ 12); rows 1-3 are undefined
            LayerMeasures two = AttentionMeasures.compute(attention(m, ROWS, 8 / 32f), counts(m, T),
                    settings().withGamma(2), false);
            assertEquals(1.0, two.get(AttentionMeasures.KK_W, 0, 0), 1e-6);
            assertTrue(Float.isNaN(two.get(AttentionMeasures.NK_W, 0, 0)), "no defined non-keypoint row");
            assertEquals(3, two.get(AttentionMeasures.UNDEFINED, 0, 0));
            assertEquals(1, two.get(AttentionMeasures.KEY_ROWS, 0, 0));
            assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0}, two.thetaBar(), 1e-6f);
            // γ = 5: line 30/32 above every value -> nothing defined
            LayerMeasures five = AttentionMeasures.compute(attention(m, ROWS, 8 / 32f), counts(m, T),
                    settings().withGamma(5), false);
            assertTrue(Float.isNaN(five.get(AttentionMeasures.KK_W, 0, 0)));
            assertTrue(Float.isNaN(five.get(AttentionMeasures.NK_U, 0, 0)));
            assertEquals(4, five.get(AttentionMeasures.UNDEFINED, 0, 0));
        }
    }

    @Test
    void noKeypointPatchesAndAllKeypointPatches() {
        try (NDManager m = manager.newSubManager()) {
            LayerMeasures none = AttentionMeasures.compute(attention(m, ROWS, 8 / 32f), counts(m, new float[4]),
                    settings(), false);
            assertTrue(Float.isNaN(none.get(AttentionMeasures.KK_W, 0, 0)), "θ_KK undefined without keypoint rows");
            assertEquals(0, none.get(AttentionMeasures.NK_W, 0, 0));
            assertEquals(0, none.get(AttentionMeasures.NK_U, 0, 0));
            assertEquals(0, none.get(AttentionMeasures.KEY_ROWS, 0, 0));
            LayerMeasures all = AttentionMeasures.compute(attention(m, ROWS, 8 / 32f),
                    counts(m, new float[] {1, 2, 3, 4}), settings(), false);
            assertEquals(1, all.get(AttentionMeasures.KK_W, 0, 0), 1e-6);
            assertEquals(1, all.get(AttentionMeasures.KK_U, 0, 0), 1e-6);
            assertTrue(Float.isNaN(all.get(AttentionMeasures.NK_W, 0, 0)), "θ_NK undefined without non-keypoint rows");
        }
    }

    @Test
    void constantRowsGiveLnNAndAttendEverything() {
        float[][] flat = {{6, 6, 6, 6}, {6, 6, 6, 6}, {6, 6, 6, 6}, {6, 6, 6, 6}};
        try (NDManager m = manager.newSubManager()) {
            LayerMeasures lm = AttentionMeasures.compute(attention(m, flat, 8 / 32f), counts(m, T), settings(), false);
            assertEquals(Math.log(4), lm.get(AttentionMeasures.FOCUS, 0, 0), 1e-6);
            assertEquals(3 / 5.0, lm.get(AttentionMeasures.KK_W, 0, 0), 1e-6); // every S_i = all patches
            assertEquals(3 / 5.0, lm.get(AttentionMeasures.NK_W, 0, 0), 1e-6);
        }
    }

    @Test
    void clsHandlingChangesAlphaButNotThetaOrFocus() {
        try (NDManager m = manager.newSubManager()) {
            NDArray a = attention(m, ROWS, 8 / 32f);
            float[] renorm = AttentionMeasures.patchBlock(a, ClsHandling.RENORMALISE).toFloatArray();
            float[] keep = AttentionMeasures.patchBlock(a, ClsHandling.KEEP).toFloatArray();
            assertEquals(12 / 24f, renorm[0], 1e-7f); // row 0 renormalised: 12/24
            assertEquals(12 / 32f, keep[0], 1e-7f);   // row 0 kept: 12/32, rows sum to 3/4
            LayerMeasures r = AttentionMeasures.compute(a, counts(m, T), settings(), true);
            LayerMeasures k = AttentionMeasures.compute(a, counts(m, T), settings().withClsHandling(ClsHandling.KEEP), true);
            assertArrayEquals(r.heads8(), k.heads8());
            assertArrayEquals(r.thetaBar(), k.thetaBar());
            assertArrayEquals(renorm, r.sample(), 1e-7f);
            assertArrayEquals(keep, k.sample(), 1e-7f);
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        try (NDManager m = manager.newSubManager()) {
            assertThrows(IllegalArgumentException.class,
                    () -> AttentionMeasures.rows(attention(m, ROWS, 0.25f), counts(m, new float[3]), settings()));
        }
    }
}
