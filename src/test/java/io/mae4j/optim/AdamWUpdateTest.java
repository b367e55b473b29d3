package io.mae4j.optim;

import static io.mae4j.optim.GradTestSupport.addGrads;
import static io.mae4j.optim.GradTestSupport.grad;
import static io.mae4j.optim.GradTestSupport.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.mae4j.NdTestBase;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused AdamW update (one native call per parameter) against the op-by-op reference: the same
 * weights and moments to 1e-6 over several steps, with decay and without, with gradients of very
 * different scales (where the eps folding matters).
 */
class AdamWUpdateTest extends NdTestBase {

    @Test
    void fusedEqualsReferenceOnRandomTensors() {
        SplittableRandom rng = new SplittableRandom(5);
        Shape[] shapes = {new Shape(7, 5), new Shape(5), new Shape(1, 1, 3)};
        float[][] w0 = new float[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            w0[i] = random(rng, (int) shapes[i].size(), 1);
        }
        Parameter[] a = new Parameter[shapes.length];
        Parameter[] b = new Parameter[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            a[i] = param(manager, "p" + i, w0[i], shapes[i]);
            b[i] = param(manager, "p" + i, w0[i], shapes[i]);
        }
        // decay on the matrix only, as the MAE groups; a large weight decay makes the decay term visible
        try (AdamW fused = new AdamW(entries(a), 0.3, 0.9, 0.95, 1e-8).fusedUpdate(true);
                AdamW reference = new AdamW(entries(b), 0.3, 0.9, 0.95, 1e-8).fusedUpdate(false)) {
            double[] lrs = {1e-3, 5e-3, 2e-2, 1e-2};
            double[] scales = {1, 1e-3, 10, 1e-6}; // 1e-6: sqrt(v) comparable to eps
            for (int s = 0; s < lrs.length; s++) {
                float[][] g = new float[shapes.length][];
                for (int i = 0; i < shapes.length; i++) {
                    g[i] = random(rng, (int) shapes[i].size(), scales[s]);
                }
                addGrads(a, g);
                addGrads(b, g);
                fused.step(lrs[s]);
                reference.step(lrs[s]);
                fused.zeroGrad();
                reference.zeroGrad();
                for (int i = 0; i < shapes.length; i++) {
                    assertArrayEquals(b[i].getArray().toFloatArray(), a[i].getArray().toFloatArray(), 1e-6f,
                            "weights of p" + i + " after step " + (s + 1));
                }
            }
            try (NDList sa = fused.stateDict(); NDList sb = reference.stateDict()) {
                for (int i = 0; i < sa.size() - 1; i++) {
                    float[] x = sa.get(i).toFloatArray();
                    float[] y = sb.get(i).toFloatArray();
                    for (int k = 0; k < x.length; k++) {
                        assertEquals(y[k], x[k], 1e-6 * Math.max(1, Math.abs(y[k])), sa.get(i).getName());
                    }
                }
            }
        }
    }

    @Test
    void referenceStepKeepsGradientsUntilZeroGrad() {
        Parameter p = param(manager, "w", new float[] {1f, 2f}, new Shape(2));
        try (AdamW opt = AdamW.mae(List.of(new ParamEntry("w", p, true)), 0.05)) { // the default kernel
            addGrads(new Parameter[] {p}, new float[][] {{1f, -1f}});
            opt.step(0.1);
            assertArrayEquals(new float[] {1f, -1f}, grad(p));
            opt.zeroGrad();
            assertArrayEquals(new float[] {0f, 0f}, grad(p));
        }
    }

    @Test
    void fusedStepLeavesGradientsZeroed() {
        Parameter p = param(manager, "w", new float[] {1f, 2f}, new Shape(2));
        try (AdamW opt = AdamW.mae(List.of(new ParamEntry("w", p, true)), 0.05).fusedUpdate(true)) {
            addGrads(new Parameter[] {p}, new float[][] {{1f, -1f}});
            opt.step(0.1);
            assertArrayEquals(new float[] {0f, 0f}, grad(p));
            addGrads(new Parameter[] {p}, new float[][] {{3f, 4f}});
            assertArrayEquals(new float[] {3f, 4f}, grad(p), "the next backward starts from zero");
        }
    }

    private static List<ParamEntry> entries(Parameter[] ps) {
        return List.of(new ParamEntry("w", ps[0], true), new ParamEntry("b", ps[1], false),
                new ParamEntry("tok", ps[2], false));
    }

    private static float[] random(SplittableRandom rng, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * scale);
        }
        return v;
    }

}
