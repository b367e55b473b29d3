package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.mae4j.run.Checkpoints;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train.fused_adamw} reaches the run's optimizer: the fused and the op-by-op kernel train
 * the same run to float rounding, and the two runs are not the same computation (the key is not
 * ignored).
 */
class FusedAdamwRunTest {

    @TempDir
    Path tmp;

    @Test
    void bothKernelsTrainTheSameRunToFloatRounding() throws Exception {
        Pretrainer.Result fused = TinyRuns.run(tmp, "train.epochs=2", "eval.every=0", "analysis.every=0",
                "train.fused_adamw=true");
        Pretrainer.Result reference = TinyRuns.run(tmp, "train.epochs=2", "eval.every=0", "analysis.every=0",
                "train.fused_adamw=false");
        for (int e = 0; e < 2; e++) {
            double a = fused.history().get(e).trainLoss();
            double b = reference.history().get(e).trainLoss();
            assertTrue(Double.isFinite(a) && Math.abs(a - b) <= 1e-4 * Math.abs(b), "epoch " + e + ": " + a + " vs " + b);
        }
        // the weights after 16 updates of lr ≤ 3e-3 (each moves a weight by up to ~lr, 0.048 in all): the kernels'
        // rounding differences, amplified by Adam's normalisation, stay far below that (measured 2.2e-4), yet they
        // are not bitwise equal (the key took effect)
        try (NDManager m = NDManager.newBaseManager()) {
            NDList a = Checkpoints.read(fused.runDir().resolve("checkpoints/last.ckpt"), m).model();
            NDList b = Checkpoints.read(reference.runDir().resolve("checkpoints/last.ckpt"), m).model();
            assertEquals(b.size(), a.size());
            double maxDiff = 0;
            boolean identical = true;
            for (int i = 0; i < a.size(); i++) {
                float[] x = a.get(i).toFloatArray();
                float[] y = b.get(i).toFloatArray();
                for (int j = 0; j < x.length; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(x[j] - y[j]));
                    identical &= Float.floatToIntBits(x[j]) == Float.floatToIntBits(y[j]);
                }
            }
            assertTrue(maxDiff < 1e-3, "fused vs op-by-op weights differ by " + maxDiff);
            assertFalse(identical, "train.fused_adamw had no effect: the weights are bitwise those of the op-by-op update");
        }
    }
}
