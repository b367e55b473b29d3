package io.mae4j.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;

/**
 * Where each patch's attention goes, as attended-set membership (src/site/markdown/definitions.md "Detection line"):
 * share[b][i][j] = the fraction of (layer, head) pairs, over the layers that enter θ̄
 * ({@code analysis.layers}), in which key patch j belongs to the attended set S_i of query patch
 * i. Used by the spurious-correlation finder to name the non-keypoint patches (S_i \ K) a keypoint
 * patch attends to. An {@link InterrelationAnalyzer.AttentionListener}: it accumulates during the
 * analyzer's own forward pass, so θ̄ and the shares come from one run of the encoder.
 */
public final class AttendedShares implements InterrelationAnalyzer.AttentionListener {

    private final AnalysisSettings settings;
    private final boolean[] use;
    private final int pairs;
    private final int n;
    private final float[][][] shares;

    /**
     * An empty accumulator.
     *
     * @param cfg the model whose attention arrives
     * @param images number of probe images
     * @param settings γ, include_self and layers (as given to the analyzer)
     */
    public AttendedShares(MaeConfig cfg, int images, AnalysisSettings settings) {
        this.settings = settings;
        this.use = settings.thetaBarLayers(cfg.depth());
        int p = 0;
        for (boolean u : use) {
            p += u ? cfg.numHeads() : 0;
        }
        this.pairs = p;
        this.n = cfg.numPatches();
        this.shares = new float[images][n][n];
    }

    /**
     * The shares of every probe image, by one analysis pass.
     *
     * @param model the MAE whose encoder runs (inference mode)
     * @param probes images prepared for this model
     * @param settings γ, include_self, layers and batch size
     * @param manager where temporaries are made
     * @return [image][i][j], i the query patch, j the key patch, values in [0, 1]
     */
    public static float[][][] compute(MaeModel model, ProbeSet probes, AnalysisSettings settings, NDManager manager) {
        AttendedShares acc = new AttendedShares(model.config(), probes.size(), settings);
        new InterrelationAnalyzer(settings).analyze(model, probes, manager, acc);
        return acc.shares();
    }

    @Override
    public void onLayer(int first, int layer, NDArray attention) {
        if (!use[layer]) {
            return;
        }
        int b = (int) attention.getShape().get(0);
        float[] host;
        try (NDManager scope = attention.getManager().newSubManager()) {
            attention.tempAttach(scope);
            NDArray sets = AttentionMeasures.attendedSets(attention, settings); // (B, H, N, N) 0/1
            host = sets.sum(new int[] {1}).toType(DataType.FLOAT32, false).toFloatArray(); // (B, N, N) counts
        }
        for (int i = 0; i < b; i++) {
            float[][] img = shares[first + i];
            for (int q = 0; q < n; q++) {
                for (int j = 0; j < n; j++) {
                    img[q][j] += host[(i * n + q) * n + j] / pairs;
                }
            }
        }
    }

    /** [image][i][j] accumulated so far (complete after the analysis). */
    public float[][][] shares() {
        return shares;
    }
}
