package io.mae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mae4j.GcSpray;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model's training forward holds nothing that a garbage collection can free before the backward
 * (forward → {@link GcSpray} → backward gives bitwise the gradients of an undisturbed step), and the
 * DJL behaviour this guards against is real (a bare {@code Number} operand breaks the same check).
 */
class FreedOperandTest {

    @BeforeAll
    static void engine() {
        TestSupport.startEngine();
    }

    @Test
    void maeForwardSurvivesACollectionBeforeItsBackward() {
        for (boolean normPix : new boolean[] {false, true}) {
            MaeConfig cfg = new MaeConfig(16, 4, 3, 16, 2, 2, 2.0, 8, 1, 2, normPix);
            Map<String, float[]> quiet = gradients(cfg, false);
            Map<String, float[]> disturbed = gradients(cfg, true);
            assertEquals(quiet.keySet(), disturbed.keySet());
            quiet.forEach((name, g) -> assertArrayEquals(g, disturbed.get(name), 0f,
                    name + " (norm_pix_loss " + normPix + "): the backward read freed memory"));
        }
    }

    @Test
    void aBareNumberOperandIsFreedBeforeTheBackward() {
        // the DJL behaviour itself: if this stops failing, DJL fixed it (Scalars is then belt and braces)
        int corrupted = 0;
        for (int trial = 0; trial < 5; trial++) {
            corrupted += sprayedGradient(x -> x.mul(0.125f))[0] == 0.125f ? 0 : 1;
        }
        assertTrue(corrupted > 0, "a Number operand survived every collection: the spray no longer provokes"
                + " the use-after-free, so the other checks here prove nothing");
    }

    @Test
    void scalarsSurviveACollectionBeforeTheBackward() {
        for (int trial = 0; trial < 5; trial++) {
            assertArrayEquals(new float[] {0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f},
                    sprayedGradient(x -> Scalars.add(Scalars.div(Scalars.mul(x, 0.5), 4), 1)), 0f);
        }
    }

    /**
     * d sum(f(x)) / dx at x = ones(8), with a collection and NaN spray between forward and backward.
     */
    private static float[] sprayedGradient(java.util.function.UnaryOperator<NDArray> f) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(8));
            x.setRequiresGradient(true);
            List<ByteBuffer> spray;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = f.apply(x).sum(); // ()
                spray = GcSpray.run();
                gc.backward(loss);
            }
            assertTrue(spray.size() > 0);
            return x.getGradient().toFloatArray();
        }
    }

    /** Gradients of one MAE step of a fresh seeded model on fixed inputs, with or without a collection first. */
    private static Map<String, float[]> gradients(MaeConfig cfg, boolean spray) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager(); NDManager step = m.newSubManager()) {
            MaeModel model = TestSupport.model(cfg, m, 5);
            ParameterStore ps = new ParameterStore(m, false);
            Engine.getInstance().setRandomSeed(11);
            NDArray imgs = step.randomNormal(new Shape(2, 3, 16, 16)); // (B, C, H, W)
            NDList mask = TestSupport.randomMask(step, 2, 16, 4);
            List<ByteBuffer> keep = null;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                MaeOutput o = model.forwardMae(ps, imgs, mask.get(0), mask.get(1), mask.get(2), 4, true);
                if (spray) {
                    keep = GcSpray.run();
                }
                gc.backward(o.loss());
            }
            for (Map.Entry<String, Parameter> e : model.officialParameters().entrySet()) {
                NDArray g = e.getValue().getArray().getGradient();
                out.put(e.getKey(), g.toFloatArray());
                g.close();
            }
            assertTrue(keep == null || !keep.isEmpty());
        }
        return out;
    }
}
