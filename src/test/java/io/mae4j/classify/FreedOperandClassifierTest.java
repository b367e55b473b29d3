package io.mae4j.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mae4j.GcSpray;
import io.mae4j.NdTestBase;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fine-tuning and linear-probe steps (on images and on cached features) give bitwise the same losses
 * and weights when a garbage collection runs between every forward and its backward.
 */
class FreedOperandClassifierTest extends NdTestBase {

    private static final ClassifierSettings PROBE = new ClassifierSettings(HeadKind.LINPROBE, 2, 4, 0, 1e-2, 0, 0.05, 0,
            PoolFeature.CLS, 1.0, 0, 0, 1, false);
    private static final ClassifierSettings FINETUNE = new ClassifierSettings(HeadKind.FINETUNE, 2, 4, 0, 1e-3, 0, 0.05,
            0, PoolFeature.MEAN, 0.75, 0.1, 0, 1, false);

    @Test
    void fineTuningStep() {
        assertUndisturbed(HeadKind.FINETUNE, PoolFeature.MEAN, FINETUNE, false);
    }

    @Test
    void linearProbeStepOnImages() {
        assertUndisturbed(HeadKind.LINPROBE, PoolFeature.CLS, PROBE, false);
    }

    @Test
    void linearProbeStepOnCachedFeatures() {
        assertUndisturbed(HeadKind.LINPROBE, PoolFeature.MEAN, PROBE, true);
    }

    private static void assertUndisturbed(HeadKind kind, PoolFeature feature, ClassifierSettings s, boolean features) {
        Result quiet = train(kind, feature, s, features, false);
        Result disturbed = train(kind, feature, s, features, true);
        assertArrayEquals(quiet.losses, disturbed.losses, 0.0, kind + " losses");
        quiet.weights.forEach((name, w) -> assertArrayEquals(w, disturbed.weights.get(name), 0f,
                kind + " " + name + ": a backward read freed memory"));
    }

    private record Result(double[] losses, Map<String, float[]> weights) {}

    private static Result train(HeadKind kind, PoolFeature feature, ClassifierSettings s, boolean features,
            boolean spray) {
        try (NDManager m = NDManager.newBaseManager()) {
            Classifier c = TinyClassifiers.create(kind, feature, m);
            List<ByteBuffer> keep = new ArrayList<>();
            int[] sprays = {0};
            double[] losses = new double[3];
            try (ClassifierTrainer t = new ClassifierTrainer(c, s, m)) {
                if (spray) {
                    t.beforeBackward(() -> {
                        keep.addAll(GcSpray.run());
                        sprays[0]++;
                    });
                }
                for (int i = 0; i < losses.length; i++) {
                    try (NDManager step = m.newSubManager()) {
                        if (features) {
                            ai.djl.engine.Engine.getInstance().setRandomSeed(20 + i);
                            losses[i] = t.step(step.randomNormal(new Shape(4, 32)), new int[] {0, 1, 2, 1}, true,
                                    s.lr());
                        } else {
                            losses[i] = t.step(TinyClassifiers.images(step, 4, i), new int[] {0, 1, 2, 0}, false,
                                    s.lr());
                        }
                    }
                }
            }
            assertEquals(spray ? losses.length : 0, sprays[0]);
            Map<String, float[]> weights = new LinkedHashMap<>();
            c.trainableParameters().forEach((n, p) -> weights.put(n, p.getArray().toFloatArray()));
            return new Result(losses, weights);
        }
    }
}
