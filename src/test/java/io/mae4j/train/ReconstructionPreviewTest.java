package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mae4j.data.CropGeometry;
import io.mae4j.data.HostBatch;
import io.mae4j.mask.RandomMaskStrategy;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.util.EngineSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reconstruction panels against the loss the model is trained on. */
class ReconstructionPreviewTest {

    private static final int B = 3;
    private static final int SIDE = 32;
    private static final int P = 8;
    private static final int G = SIDE / P;

    @BeforeAll
    static void engine() {
        EngineSetup.start(2, 1);
    }

    @Test
    void unnormalizesWithEachPatchsMeanAndUnbiasedVariance() {
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

    @Test
    void reconstructionIsWhatTheLossScores() {
        for (boolean normPix : new boolean[] {false, true}) {
            try (NDManager root = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(3);
                MaeModel model = new MaeModel(new MaeConfig(SIDE, P, 3, 32, 1, 2, 4.0, 16, 1, 2, normPix));
                model.initialize(root);
                ReconstructionPreview preview = new ReconstructionPreview(batch(), 7, new float[] {0.5f, 0.5f, 0.5f},
                        new float[] {0.25f, 0.25f, 0.25f});
                RandomMaskStrategy mask = new RandomMaskStrategy(0.75);
                ReconstructionPreview.Panels a = preview.compute(model, mask, 0, root);
                assertArrayEquals(a.mask(), preview.compute(model, mask, 3, root).mask()); // fixed masks
                for (int i = 0; i < B; i++) {
                    checkImage(a, i, normPix);
                }
                assertEquals(5 * SIDE + 4 * 2, preview.render(model, mask, 0, root).width()); // 5 panels, 2 px lines
            }
        }
    }

    /** Panels of image i: pasting, blanking, and the removed patches' error equal to its loss. */
    private static void checkImage(ReconstructionPreview.Panels pn, int i, boolean normPix) {
        int removedPatches = 0;
        double err = 0;
        for (int j = 0; j < G * G; j++) {
            boolean removed = pn.mask()[i * G * G + j] == 1f;
            removedPatches += removed ? 1 : 0;
            List<Integer> idx = patchIndices(i, j);
            double scale = 1;
            if (normPix) { // the loss compares normalised patches: divide the pixel error by the patch's std
                double mu = idx.stream().mapToDouble(x -> pn.original()[x]).average().orElseThrow();
                double var = idx.stream().mapToDouble(x -> Math.pow(pn.original()[x] - mu, 2)).sum() / (idx.size() - 1);
                scale = var + 1e-6;
            }
            for (int x : idx) {
                float o = pn.original()[x];
                if (removed) {
                    assertEquals(0f, pn.masked()[x], 0f); // 0 or -0
                    assertEquals(pn.reconstruction()[x], pn.pasted()[x], 1e-6f);
                    err += Math.pow(pn.reconstruction()[x] - o, 2) / scale;
                } else {
                    assertEquals(o, pn.masked()[x], 1e-6f);
                    assertEquals(o, pn.pasted()[x], 1e-6f);
                }
            }
        }
        assertEquals(12, removedPatches); // 75% of 16
        double loss = err / (removedPatches * P * P * 3);
        assertEquals(pn.perSampleLoss()[i], loss, 1e-4 * Math.max(1, loss), "image " + i + " normPix " + normPix);
    }

    /** Flat (B, C, H, W) indices of the pixels of patch j of image i. */
    private static List<Integer> patchIndices(int i, int j) {
        List<Integer> out = new ArrayList<>();
        int r0 = (j / G) * P;
        int c0 = (j % G) * P;
        for (int c = 0; c < 3; c++) {
            for (int y = r0; y < r0 + P; y++) {
                for (int x = c0; x < c0 + P; x++) {
                    out.add(((i * 3 + c) * SIDE + y) * SIDE + x);
                }
            }
        }
        return out;
    }

    private static HostBatch batch() {
        Random r = new Random(5);
        float[] imgs = new float[B * 3 * SIDE * SIDE];
        for (int i = 0; i < imgs.length; i++) {
            imgs[i] = (float) r.nextGaussian();
        }
        List<CropGeometry> geo = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < B; i++) {
            geo.add(CropGeometry.whole(SIDE, SIDE, SIDE, SIDE));
            paths.add(Path.of("img" + i + ".png"));
        }
        return new HostBatch(imgs, new int[B], new int[B], geo, paths);
    }
}
