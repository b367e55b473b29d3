package io.mae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loss counts removed patches only; norm_pix_loss uses the unbiased variance. */
class MaeLossTest {

    @BeforeAll
    static void engine() {
        TestSupport.startEngine();
    }

    @Test
    void normPixTargetUsesUnbiasedVariance() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one 2×2 single-channel patch [1, 2, 3, 4]: mean 2.5, unbiased var 5/3 (biased 5/4)
            NDArray imgs = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray pred = m.zeros(new Shape(1, 1, 4));
            NDArray mask = m.ones(new Shape(1, 1));
            double sd = Math.sqrt(5.0 / 3 + 1e-6);
            assertArrayEquals(new float[] {(float) (-1.5 / sd), (float) (-0.5 / sd), (float) (0.5 / sd), (float) (1.5 / sd)},
                    MaeLoss.target(imgs, 2, true).toFloatArray(), 1e-6f);
            // loss = mean(t²) = (5 / (5/3 + 1e-6)) / 4 ≈ 0.75 (it would be 1.0 with the biased variance)
            assertEquals(5 / (5.0 / 3 + 1e-6) / 4, MaeLoss.compute(imgs, pred, mask, 2, true).get(0).getFloat(), 1e-6);
            assertEquals((1 + 4 + 9 + 16) / 4.0, MaeLoss.compute(imgs, pred, mask, 2, false).get(0).getFloat(), 1e-6);
        }
    }

    @Test
    void totalAndPerSampleAreRatiosOverRemovedPatches() {
        try (NDManager m = NDManager.newBaseManager()) {
            // two images of 2 patches (2×2, one channel); pred 0 so a patch's loss is mean(x²)
            float[] px = {
                1, 1, 3, 3, 1, 1, 3, 3, // image 0: patch 0 all 1 (loss 1), patch 1 all 3 (loss 9)
                2, 2, 0, 0, 2, 2, 0, 0, // image 1: patch 0 all 2 (loss 4), patch 1 all 0 (loss 0)
            };
            NDArray imgs = m.create(px, new Shape(2, 1, 2, 4));
            NDArray mask = m.create(new float[] {1, 0, 1, 1}, new Shape(2, 2)); // image 0 keeps patch 1
            NDList loss = MaeLoss.compute(imgs, m.zeros(new Shape(2, 2, 4)), mask, 2, false);
            assertEquals((1 + 4 + 0) / 3.0, loss.get(0).getFloat(), 1e-6); // not the mean of per-sample losses
            assertArrayEquals(new float[] {1f, 2f}, loss.get(1).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void keptPatchPredictionsDoNotChangeTheLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            MaeModel model = TestSupport.model(TestSupport.TINY, m, 11);
            NDArray imgs = m.randomNormal(new Shape(2, 3, 16, 16));
            NDList mask = TestSupport.randomMask(m, 2, 16, 4);
            MaeOutput out = model.forwardMae(new ParameterStore(m, false), imgs, mask.get(0), mask.get(1), mask.get(2), 4, false);
            NDArray kept = mask.get(2).expandDims(2).neg().add(1); // (B, N, 1), 1 on kept patches
            NDArray removed = mask.get(2).expandDims(2); // (B, N, 1)
            float base = MaeLoss.compute(imgs, out.pred(), mask.get(2), 4, false).get(0).getFloat();
            assertEquals(out.loss().getFloat(), base, 1e-6f);
            float changedKept = MaeLoss.compute(imgs, out.pred().add(kept.mul(5)), mask.get(2), 4, false).get(0).getFloat();
            assertEquals(base, changedKept, 1e-6f);
            float changedRemoved = MaeLoss.compute(imgs, out.pred().add(removed.mul(5)), mask.get(2), 4, false).get(0).getFloat();
            assertNotEquals(base, changedRemoved, 1f);
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray imgs = m.zeros(new Shape(1, 3, 8, 8));
            assertThrows(IllegalArgumentException.class,
                    () -> MaeLoss.compute(imgs, m.zeros(new Shape(1, 4, 47)), m.ones(new Shape(1, 4)), 4, false));
            assertThrows(IllegalArgumentException.class,
                    () -> MaeLoss.compute(imgs, m.zeros(new Shape(1, 4, 48)), m.ones(new Shape(4)), 4, false));
        }
    }
}
