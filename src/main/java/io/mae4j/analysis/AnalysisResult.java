package io.mae4j.analysis;

import java.util.List;
import java.util.Map;

/**
 * Everything one interrelation analysis measured. Layers are numbered from 1 in the summaries;
 * arrays indexed by layer start at 0 (= layer 1).
 *
 * @param settings the settings used
 * @param patches N
 * @param imageNames probe image labels, in order
 * @param keypointCounts t_j per image, [image][patch]
 * @param raw every per-image, per-layer, per-head measure
 * @param layers one summary per layer
 * @param heads per-layer, per-head means over images (Fig. 5 / Fig. 6 points)
 * @param trends trend lines over layers of the primary θ_KK ("kk"), θ_NK ("nk") and the focus
 *     index ("focus"); a value is null when the series has no defined point
 * @param stages the Retrieval / Capture / Coach split, or null when there are fewer than 3 ·
 *     analysis.stage_min_layers layers
 * @param thetaBar θ̄_i per image, [image][patch]: mean of the primary θ_i over heads and the
 *     configured layers, over the (head, layer) pairs where row i is defined; NaN when it is defined
 *     in none
 * @param sampleAttention head-mean α of image 0 per layer, [layer][i · N + j]
 * @param seconds wall time of the analysis (forward passes included)
 */
public record AnalysisResult(AnalysisSettings settings, int patches, List<String> imageNames, int[][] keypointCounts,
        MeasureTable raw, List<LayerSummary> layers, HeadTable heads, Map<String, TrendLine> trends,
        StageSegmentation stages, float[][] thetaBar, float[][] sampleAttention, double seconds) {

    /** Number of encoder layers. */
    public int numLayers() {
        return layers.size();
    }

    /** Number of probe images. */
    public int numImages() {
        return imageNames.size();
    }

    /**
     * Scalars for a training log (e.g. TensorBoard), by tag: {@code analysis/theta_KK/layer_01},
     * {@code analysis/theta_NK/layer_01}, {@code analysis/gap/layer_01}, {@code
     * analysis/focus/layer_01} (nats), {@code analysis/focus_norm/layer_01} (÷ ln N) for every layer
     * (1-based, two digits), then {@code analysis/stage_boundary_1} and {@code _2} (first layer of
     * Capture and of Coach) and {@code analysis/signature_holds} (1 or 0) when stages exist. Undefined
     * values are left out.
     */
    public java.util.LinkedHashMap<String, Double> scalars() {
        java.util.LinkedHashMap<String, Double> out = new java.util.LinkedHashMap<>();
        String[][] series = {{"theta_KK", "kk"}, {"theta_NK", "nk"}, {"gap", "gap"}, {"focus", "focus"},
            {"focus_norm", "focus_norm"}};
        for (String[] s : series) {
            double[] v = series(s[1]);
            for (int l = 0; l < v.length; l++) {
                if (Double.isFinite(v[l])) {
                    out.put(String.format(java.util.Locale.ROOT, "analysis/%s/layer_%02d", s[0], l + 1), v[l]);
                }
            }
        }
        if (stages != null) {
            out.put("analysis/stage_boundary_1", (double) stages.break1());
            out.put("analysis/stage_boundary_2", (double) stages.break2());
            if (stages.identifiable()) {
                out.put("analysis/signature_holds", stages.signatureHolds() ? 1.0 : 0.0);
            }
        }
        return out;
    }

    /** A per-layer series of the primary measures: "kk", "nk", "kn", "nn", "gap", "focus", "focus_norm". */
    public double[] series(String name) {
        double[] out = new double[layers.size()];
        for (int l = 0; l < out.length; l++) {
            LayerSummary s = layers.get(l);
            out[l] = switch (name) {
                case "kk" -> s.kk().mean();
                case "nk" -> s.nk().mean();
                case "kn" -> s.kn().mean();
                case "nn" -> s.nn().mean();
                case "gap" -> s.gap();
                case "focus" -> s.focus().mean();
                case "focus_norm" -> s.focusNormalised().mean();
                default -> throw new IllegalArgumentException("unknown series '" + name
                        + "'; use kk, nk, kn, nn, gap, focus or focus_norm");
            };
        }
        return out;
    }
}
