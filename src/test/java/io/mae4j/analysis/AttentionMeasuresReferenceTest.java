package io.mae4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mae4j.util.EngineSetup;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tensor code against a plain-loop restatement of src/site/markdown/definitions.md on random softmax attention: 3
 * images, 2 heads, a 3 x 3 grid (N = 9), random keypoint counts with zeros, every combination of
 * include_self and weighted, and γ = 1 and 1.5.
 */
class AttentionMeasuresReferenceTest {

    static final int C = 3;
    static final int H = 2;
    static final int N = 9;

    @Test
    void matchesLoopReference() {
        EngineSetup.start(2, 1);
        SplittableRandom rng = new SplittableRandom(7);
        float[] a = new float[C * H * (N + 1) * (N + 1)];
        for (int r = 0; r < C * H * (N + 1); r++) { // softmax rows of random logits
            double[] e = new double[N + 1];
            double sum = 0;
            for (int j = 0; j <= N; j++) {
                e[j] = Math.exp(rng.nextGaussian() * 1.5);
                sum += e[j];
            }
            for (int j = 0; j <= N; j++) {
                a[r * (N + 1) + j] = (float) (e[j] / sum);
            }
        }
        float[] t = new float[C * N];
        for (int i = 0; i < t.length; i++) {
            t[i] = rng.nextInt(3) == 0 ? 0 : rng.nextInt(1, 5);
        }
        t[0] = 3; // image 0 has both kinds; image 2 gets no keypoint at all
        for (int j = 0; j < N; j++) {
            t[2 * N + j] = 0;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray attn = m.create(a, new Shape(C, H, N + 1, N + 1));
            NDArray counts = m.create(t, new Shape(C, N));
            for (double gamma : new double[] {1.0, 1.5}) {
                for (boolean self : new boolean[] {true, false}) {
                    for (boolean weighted : new boolean[] {true, false}) {
                        AnalysisSettings s = AnalysisSettings.defaults().withGamma(gamma).withIncludeSelf(self)
                                .withWeighted(weighted);
                        LayerMeasures lm = AttentionMeasures.compute(attn, counts, s, false);
                        check(a, t, s, lm);
                    }
                }
            }
        }
    }

    private static void check(float[] a, float[] t, AnalysisSettings s, LayerMeasures lm) {
        String what = "gamma " + s.gamma() + " self " + s.includeSelf() + " weighted " + s.weighted();
        for (int b = 0; b < C; b++) {
            double[] barSum = new double[N];
            double[] barCnt = new double[N];
            for (int h = 0; h < H; h++) {
                double[] sumKK = new double[2]; // [weighted, unweighted]
                double[] sumNK = new double[2];
                int keyRows = 0;
                int nonRows = 0;
                int undefined = 0;
                double focus = 0;
                for (int i = 0; i < N; i++) {
                    double[] row = new double[N];
                    double rowSum = 0;
                    for (int j = 0; j < N; j++) {
                        row[j] = a[((b * H + h) * (N + 1) + i + 1) * (N + 1) + j + 1];
                        rowSum += row[j];
                    }
                    double line = s.gamma() * rowSum / N;
                    double sumT = 0;
                    int inK = 0;
                    int inN = 0;
                    for (int j = 0; j < N; j++) {
                        if (row[j] >= line && (s.includeSelf() || j != i)) {
                            double tj = t[b * N + j];
                            if (tj > 0) {
                                sumT += tj;
                                inK++;
                            } else {
                                inN++;
                            }
                        }
                    }
                    double min = Double.MAX_VALUE;
                    double max = -Double.MAX_VALUE;
                    for (double v : row) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                    double sx = 0;
                    for (double v : row) {
                        sx += (v - min) / (max - min);
                    }
                    double delta = 0;
                    for (double v : row) {
                        double p = (v - min) / (max - min) / sx;
                        delta -= p > 0 ? p * Math.log(p) : 0;
                    }
                    focus += delta / N;
                    if (inK + inN == 0) {
                        undefined++;
                        continue;
                    }
                    double thetaW = sumT / (inN + sumT);
                    double thetaU = inK / (double) (inK + inN);
                    barSum[i] += s.weighted() ? thetaW : thetaU;
                    barCnt[i] += 1;
                    if (t[b * N + i] > 0) {
                        keyRows++;
                        sumKK[0] += thetaW;
                        sumKK[1] += thetaU;
                    } else {
                        nonRows++;
                        sumNK[0] += thetaW;
                        sumNK[1] += thetaU;
                    }
                }
                assertClose(sumKK[0] / keyRows, lm.get(AttentionMeasures.KK_W, b, h), what);
                assertClose(sumNK[0] / nonRows, lm.get(AttentionMeasures.NK_W, b, h), what);
                assertClose(sumKK[1] / keyRows, lm.get(AttentionMeasures.KK_U, b, h), what);
                assertClose(sumNK[1] / nonRows, lm.get(AttentionMeasures.NK_U, b, h), what);
                assertClose(focus, lm.get(AttentionMeasures.FOCUS, b, h), what);
                assertEquals(undefined, lm.get(AttentionMeasures.UNDEFINED, b, h), what);
                assertEquals(keyRows, lm.get(AttentionMeasures.KEY_ROWS, b, h), what);
                assertEquals(nonRows, lm.get(AttentionMeasures.NON_ROWS, b, h), what);
            }
            for (int i = 0; i < N; i++) {
                assertClose(barSum[i], lm.thetaSum(b, i), what + " θ̄ sum");
                assertEquals(barCnt[i], lm.thetaCount(b, i), what);
            }
        }
        assertTrue(Float.isNaN(lm.get(AttentionMeasures.KK_W, 2, 0)), "image 2 has no keypoint rows");
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals(expected, actual, 2e-5, what);
        }
    }
}
