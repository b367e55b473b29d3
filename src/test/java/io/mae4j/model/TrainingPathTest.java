package io.mae4j.model;

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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gradients reach every parameter through gather / broadcast, and a step leaves no arrays behind. */
class TrainingPathTest {

    @BeforeAll
    static void engine() {
        TestSupport.startEngine();
    }

    @Test
    void everyParameterReceivesAGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(TestSupport.TINY, m, 71);
            ParameterStore ps = new ParameterStore(m, false);
            try (NDManager step = m.newSubManager()) {
                NDArray imgs = step.randomNormal(new Shape(2, 3, 16, 16));
                NDList mask = TestSupport.randomMask(step, 2, 16, 4);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    MaeOutput out = model.forwardMae(ps, imgs, mask.get(0), mask.get(1), mask.get(2), 4, true);
                    gc.backward(out.loss());
                }
                for (Map.Entry<String, Parameter> e : model.officialParameters().entrySet()) {
                    NDArray grad = e.getValue().getArray().getGradient();
                    grad.attach(step);
                    assertTrue(grad.abs().max().getFloat() > 0f, e.getKey() + " has no gradient");
                }
            }
        }
    }

    @Test
    void forwardLeavesOnlyItsResultsOnTheCallersManager() {
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(TestSupport.TINY, m, 72);
            ParameterStore ps = new ParameterStore(m, false);
            int modelArrays = m.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray imgs = step.randomNormal(new Shape(2, 3, 16, 16));
                    NDList mask = TestSupport.randomMask(step, 2, 16, 4);
                    int inputs = step.getManagedArrays().size();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        MaeOutput out = model.forwardMae(ps, imgs, mask.get(0), mask.get(1), mask.get(2), 4, true);
                        assertEquals(inputs + 3, step.getManagedArrays().size(), "loss, per-sample loss and pred only");
                        gc.backward(out.loss()); // DJL adds the seed gradient (ones) to the loss's manager
                    }
                    int afterStep = step.getManagedArrays().size();
                    EncoderOutput enc = model.encode(ps, imgs, true);
                    assertEquals(afterStep + 1 + TestSupport.TINY.depth(), step.getManagedArrays().size());
                    assertEquals(2, enc.attention().size());
                }
                assertEquals(modelArrays, m.getManagedArrays().size(), "nothing attached to the model's manager");
            }
        }
    }
}
