package io.mae4j.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mae4j.model.EncoderOutput;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import java.nio.FloatBuffer;

/**
 * Where each patch's attention goes, as attended-set membership (DESIGN.md "Detection line"):
 * share[b][i][j] = the fraction of (layer, head) pairs, over the layers that enter θ̄
 * ({@code analysis.layers}), in which key patch j belongs to the attended set S_i of query patch
 * i. Used by the spurious-correlation finder to name the non-keypoint patches (S_i \ K) a keypoint
 * patch attends to. Runs the unmasked encoder with attention capture, in batches of
 * {@code analysis.batch_size}, each in its own sub-manager.
 */
public final class AttendedShares {

    private AttendedShares() {}

    /**
     * The shares of every probe image.
     *
     * @param model the MAE whose encoder runs (inference mode)
     * @param probes images prepared for this model
     * @param settings γ, include_self, layers and batch size
     * @param manager where temporaries are made
     * @return [image][i][j], i the query patch, j the key patch, values in [0, 1]
     */
    public static float[][][] compute(MaeModel model, ProbeSet probes, AnalysisSettings settings, NDManager manager) {
        MaeConfig cfg = model.config();
        if (probes.imgSize() != cfg.imgSize() || probes.patchSize() != cfg.patchSize()) {
            throw new IllegalArgumentException("the probe set was prepared for img_size " + probes.imgSize()
                    + ", patch_size " + probes.patchSize() + " but the model has " + cfg.imgSize() + ", "
                    + cfg.patchSize());
        }
        boolean[] use = settings.thetaBarLayers(cfg.depth());
        int pairs = 0;
        for (boolean u : use) {
            pairs += u ? cfg.numHeads() : 0;
        }
        int n = cfg.numPatches();
        int side = cfg.imgSize();
        int images = probes.size();
        float[][][] out = new float[images][n][n];
        ParameterStore ps = new ParameterStore(manager, false);
        for (int start = 0; start < images; start += settings.batchSize()) {
            int b = Math.min(settings.batchSize(), images - start);
            try (NDManager step = manager.newSubManager()) {
                float[] pixels = new float[b * 3 * side * side];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(probes.images().get(start + i).chw(), 0, pixels, i * 3 * side * side,
                            3 * side * side);
                }
                NDArray imgs = step.create(FloatBuffer.wrap(pixels), new Shape(b, 3, side, side)); // (B, 3, H, W)
                EncoderOutput enc = model.encode(ps, imgs, true);
                NDList attention = enc.attention();
                NDArray sum = step.zeros(new Shape(b, n, n)); // (B, N, N)
                for (int l = 0; l < attention.size(); l++) {
                    NDArray a = attention.get(l); // (B, H, N+1, N+1)
                    if (use[l]) {
                        try (NDManager layer = step.newSubManager()) {
                            a.tempAttach(layer);
                            NDArray sets = AttentionMeasures.attendedSets(a, settings); // (B, H, N, N) 0/1
                            sum.addi(sets.sum(new int[] {1}).toType(DataType.FLOAT32, false)); // (B, N, N)
                        }
                    }
                    a.close();
                }
                float[] host = sum.div((float) pairs).toFloatArray(); // (B, N, N)
                for (int i = 0; i < b; i++) {
                    for (int q = 0; q < n; q++) {
                        System.arraycopy(host, (i * n + q) * n, out[start + i][q], 0, n);
                    }
                }
            }
        }
        return out;
    }
}
