package io.mae4j.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mae4j.model.EncoderOutput;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The patch interrelation analysis of the paper (sections 3.2 and 4) on a {@link MaeModel}: the
 * unmasked encoder runs on the probe images with attention capture, and every layer's attention
 * (B, H, N+1, N+1) is reduced on the engine's device by {@link AttentionMeasures}; only per-head
 * and per-patch results come back to the host. Memory stays flat: each forward batch lives in its
 * own sub-manager.
 *
 * <p>Use: build a {@link ProbeSet} once, then call {@link #analyze} whenever a measurement is due
 * (e.g. every {@code analysis.every} epochs); it does not change the model.
 */
public final class InterrelationAnalyzer {

    /**
     * Attention values reduced per step: a forward batch's layer is processed in chunks of images
     * holding at most about this many values, which bounds each temporary (c, H, N, N) array to
     * 64 MB. The whole batch fits for ViT-B/16 and ViT-L/16 at batch 8; on this CPU smaller chunks
     * measured no faster (more, smaller operations).
     */
    public static final long CHUNK_VALUES = 1L << 24;

    private final AnalysisSettings settings;
    private long chunkValues = CHUNK_VALUES;

    /** @param settings the {@code analysis.*} settings */
    public InterrelationAnalyzer(AnalysisSettings settings) {
        this.settings = settings;
    }

    /** The settings in use. */
    public AnalysisSettings settings() {
        return settings;
    }

    /** Changes the chunk size (attention values per reduction step); for benchmarks. */
    InterrelationAnalyzer chunkValues(long values) {
        this.chunkValues = Math.max(1, values);
        return this;
    }

    /**
     * Measures the model on the probe set.
     *
     * @param model the MAE (only its encoder runs, in inference mode)
     * @param probes images prepared for this model's input and patch size
     * @param manager where temporaries are made (its device runs the analysis)
     * @throws IllegalArgumentException when the probe set was prepared for another model size
     */
    public AnalysisResult analyze(MaeModel model, ProbeSet probes, NDManager manager) {
        return analyze(model, probes, manager, null);
    }

    /**
     * Sees each layer's attention of each batch during {@link #analyze(MaeModel, ProbeSet, NDManager,
     * AttentionListener)}, before it is freed, so other per-image measures share the one forward pass.
     */
    @FunctionalInterface
    public interface AttentionListener {
        /**
         * @param first probe index of the batch's first image
         * @param layer 0-based encoder layer
         * @param attention (B, H, N+1, N+1), valid only during the call; results must not stay attached to it
         */
        void onLayer(int first, int layer, NDArray attention);
    }

    /**
     * Measures the model on the probe set and hands every layer's attention to {@code listener}.
     *
     * @param listener called per batch and layer, or null
     */
    public AnalysisResult analyze(MaeModel model, ProbeSet probes, NDManager manager, AttentionListener listener) {
        MaeConfig cfg = model.config();
        if (probes.imgSize() != cfg.imgSize() || probes.patchSize() != cfg.patchSize()) {
            throw new IllegalArgumentException("the probe set was prepared for img_size " + probes.imgSize()
                    + ", patch_size " + probes.patchSize() + " but the model has " + cfg.imgSize() + ", "
                    + cfg.patchSize());
        }
        boolean[] barLayers = settings.thetaBarLayers(cfg.depth());
        long t0 = System.nanoTime();
        int images = probes.size();
        int n = cfg.numPatches();
        MeasureTable table = new MeasureTable(images, cfg.depth(), cfg.numHeads());
        double[][] barSum = new double[images][n];
        double[][] barCount = new double[images][n];
        float[][] sample = new float[cfg.depth()][];
        ParameterStore ps = new ParameterStore(manager, false);
        long perImage = (long) cfg.numHeads() * (n + 1) * (n + 1);
        int chunk = (int) Math.max(1, chunkValues / perImage);
        for (int start = 0; start < images; start += settings.batchSize()) {
            int b = Math.min(settings.batchSize(), images - start);
            try (NDManager step = manager.newSubManager()) {
                float[] counts = new float[b * n];
                for (int i = 0; i < b; i++) {
                    ProbeImage p = probes.images().get(start + i);
                    for (int j = 0; j < n; j++) {
                        counts[i * n + j] = p.counts()[j];
                    }
                }
                NDArray imgs = probes.batch(step, start, b); // (B, 3, H, W)
                NDArray t = step.create(FloatBuffer.wrap(counts), new Shape(b, n)); // (B, N)
                EncoderOutput out = model.encode(ps, imgs, true);
                NDList attention = out.attention();
                for (int l = 0; l < attention.size(); l++) {
                    NDArray a = attention.get(l); // (B, H, N+1, N+1)
                    for (int c0 = 0; c0 < b; c0 += chunk) {
                        int c1 = Math.min(b, c0 + chunk);
                        NDArray ac = c0 == 0 && c1 == b ? a : a.get(new NDIndex("{}:{}", c0, c1)); // (c, H, N+1, N+1)
                        NDArray tc = c0 == 0 && c1 == b ? t : t.get(new NDIndex("{}:{}", c0, c1)); // (c, N)
                        LayerMeasures m = AttentionMeasures.compute(ac, tc, settings, start == 0 && c0 == 0);
                        table.put(start + c0, l, m);
                        if (m.sample() != null) {
                            sample[l] = m.sample();
                        }
                        if (barLayers[l]) {
                            for (int i = 0; i < m.images(); i++) {
                                for (int j = 0; j < n; j++) {
                                    barSum[start + c0 + i][j] += m.thetaSum(i, j);
                                    barCount[start + c0 + i][j] += m.thetaCount(i, j);
                                }
                            }
                        }
                        if (ac != a) {
                            ac.close();
                            tc.close();
                        }
                    }
                    if (listener != null) {
                        listener.onLayer(start, l, a);
                    }
                    a.close(); // frees this layer's attention early
                }
            }
        }
        float[][] thetaBar = new float[images][n];
        int[][] keyCounts = new int[images][];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            for (int j = 0; j < n; j++) {
                thetaBar[i][j] = barCount[i][j] > 0 ? (float) (barSum[i][j] / barCount[i][j]) : Float.NaN;
            }
            keyCounts[i] = probes.images().get(i).counts().clone();
            names.add(probes.images().get(i).name());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return ResultBuilder.build(settings, n, names, keyCounts, table, thetaBar, sample, seconds);
    }
}
