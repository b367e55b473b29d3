package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mae4j.util.EngineSetup;
import org.junit.jupiter.api.Test;

class ReconstructionPreviewTest {

    @Test
    void unnormalizesWithEachPatchsMeanAndUnbiasedVariance() {
        EngineSetup.start(2, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            // one 2x2 single-channel image = one patch (P = 2) with values 1, 2, 3, 4:
            // mean 2.5, unbiased variance (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3
            NDArray imgs = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2)); // (B, C, H, W)
            NDArray pred = m.create(new float[] {0, 1, 0, -1}, new Shape(1, 1, 4)); // (B, N, K)
            float s = (float) Math.sqrt(5.0 / 3 + 1e-6);
            float[] out = ReconstructionPreview.unnormalize(pred, imgs, 2).toFloatArray();
            assertArrayEquals(new float[] {2.5f, 2.5f + s, 2.5f, 2.5f - s}, out, 1e-6f);
            // a second patch gets its own statistics: patches of a 2x4 image are (1,2,5,6) and (3,4,7,8)
            NDArray two = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(1, 1, 2, 4));
            NDArray zero = m.zeros(new Shape(1, 2, 4));
            assertArrayEquals(new float[] {3.5f, 3.5f, 3.5f, 3.5f, 5.5f, 5.5f, 5.5f, 5.5f},
                    ReconstructionPreview.unnormalize(zero, two, 2).toFloatArray(), 1e-6f);
        }
    }
}
