package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mae4j.GcSpray;
import io.mae4j.NdTestBase;
import io.mae4j.bench.BenchHarness;
import io.mae4j.data.HostBatch;
import io.mae4j.mask.RandomMaskStrategy;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.optim.AdamW;
import io.mae4j.optim.ParamEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pre-training step (forward, loss ÷ accum_iter, backward, AdamW) gives bitwise the same losses and
 * weights when a garbage collection runs between every forward and its backward.
 */
class FreedOperandStepTest extends NdTestBase {

    private static final MaeConfig CFG = new MaeConfig(16, 4, 3, 16, 2, 2, 2.0, 8, 1, 2, true);

    @Test
    void pretrainingStepWithoutAccumulation() {
        assertUndisturbed(1);
    }

    @Test
    void pretrainingStepWithAccumulation() {
        assertUndisturbed(2);
    }

    private static void assertUndisturbed(int accum) {
        Result quiet = train(accum, false);
        Result disturbed = train(accum, true);
        assertArrayEquals(quiet.losses, disturbed.losses, 0.0, "losses (accum_iter " + accum + ")");
        assertEquals(quiet.weights.keySet(), disturbed.weights.keySet());
        quiet.weights.forEach((name, w) -> assertArrayEquals(w, disturbed.weights.get(name), 0f,
                name + " after the steps (accum_iter " + accum + "): a backward read freed memory"));
    }

    private record Result(double[] losses, Map<String, float[]> weights) {}

    /** Four iterations of a fresh seeded tiny model; with {@code spray}, a collection before each backward. */
    private static Result train(int accum, boolean spray) {
        try (NDManager root = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            MaeModel model = new MaeModel(CFG);
            model.initialize(root);
            TrainSettings s = new TrainSettings(1, 4, accum, 0, 1e-3, 0, 0.05, 0, 0, 0.9, 0.95, 1, 1, 0, false);
            List<ByteBuffer> keep = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            int[] sprays = {0};
            try (AdamW opt = new AdamW(ParamEntry.all(model.officialParameters()), s.weightDecay(), s.beta1(),
                    s.beta2(), AdamW.DEFAULT_EPS)) {
                EpochRunner runner = new EpochRunner(model, opt, new RandomMaskStrategy(0.75), s, 9, root);
                if (spray) {
                    runner.beforeBackward(() -> {
                        keep.addAll(GcSpray.run());
                        sprays[0]++;
                    });
                }
                List<HostBatch> batches = Collections.nCopies(4, BenchHarness.fixedBatch(CFG, 4, null));
                runner.run(0, batches.iterator(), 4, 0, 0, it -> losses.add(it.loss()));
                Map<String, float[]> weights = new LinkedHashMap<>();
                model.officialParameters().forEach((n, p) -> weights.put(n, p.getArray().toFloatArray()));
                assertEquals(spray ? 4 : 0, sprays[0], "one collection before each of the 4 backwards");
                return new Result(losses.stream().mapToDouble(Double::doubleValue).toArray(), weights);
            }
        }
    }
}
