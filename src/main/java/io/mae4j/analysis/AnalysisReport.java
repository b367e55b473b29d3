package io.mae4j.analysis;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link AnalysisResult} as {@code report.json} (settings, per-layer summaries with
 * spreads and tests, trends, stages), {@code per_layer.csv}, {@code per_head.csv} and {@code
 * theta_bar.csv} (long format: image, patch, t_j, θ̄_j). Undefined values are JSON null and empty
 * CSV cells.
 */
public final class AnalysisReport {

    /** What the effect size in the report is. */
    public static final String EFFECT_SIZE = "matched-pairs rank-biserial correlation (W+ - W-) / (W+ + W-)"
            + " of theta_KK - theta_NK over images; +1 = theta_KK above theta_NK in every image";

    private AnalysisReport() {}

    /**
     * Writes the four files into {@code dir} (created if needed).
     *
     * @param provenance extra top-level entries (source checkpoint, model, images, time), in order
     */
    public static void write(AnalysisResult r, Map<String, Object> provenance, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), json(r, provenance), StandardCharsets.UTF_8);
        Files.write(dir.resolve("per_layer.csv"), perLayerCsv(r), StandardCharsets.UTF_8);
        Files.write(dir.resolve("per_head.csv"), perHeadCsv(r), StandardCharsets.UTF_8);
        Files.write(dir.resolve("theta_bar.csv"), thetaBarCsv(r), StandardCharsets.UTF_8);
    }

    /** report.json as text. */
    public static String json(AnalysisResult r, Map<String, Object> provenance) {
        Map<String, Object> root = new LinkedHashMap<>(provenance);
        AnalysisSettings s = r.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("gamma", s.gamma());
        settings.put("include_self", s.includeSelf());
        settings.put("cls_handling", s.clsHandling().configName());
        settings.put("weighted", s.weighted());
        settings.put("theta_bar_layers", s.layers().length == 0 ? "all" : s.layers());
        settings.put("trend_degree", s.trendDegree());
        settings.put("stage_min_layers", s.stageMinLayers());
        Map<String, Object> sift = new LinkedHashMap<>();
        sift.put("nfeatures", s.sift().nfeatures());
        sift.put("n_octave_layers", s.sift().nOctaveLayers());
        sift.put("contrast_threshold", s.sift().contrastThreshold());
        sift.put("edge_threshold", s.sift().edgeThreshold());
        sift.put("sigma", s.sift().sigma());
        settings.put("sift", sift);
        root.put("settings", settings);
        root.put("images", r.numImages());
        root.put("layers", r.numLayers());
        root.put("heads", r.raw().heads());
        root.put("patches", r.patches());
        root.put("keypoints", keypointSummary(r));
        root.put("effect_size", EFFECT_SIZE);
        List<Object> layers = new ArrayList<>();
        for (LayerSummary l : r.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", l.layer());
            m.put("theta_KK", spread(l.kk()));
            m.put("theta_NK", spread(l.nk()));
            m.put("theta_KN", spread(l.kn()));
            m.put("theta_NN", spread(l.nn()));
            m.put("gap", num(l.gap()));
            m.put(l.weighted() ? "theta_KK_unweighted" : "theta_KK_weighted", spread(l.weighted() ? l.kkUnweighted()
                    : l.kkWeighted()));
            m.put(l.weighted() ? "theta_NK_unweighted" : "theta_NK_weighted", spread(l.weighted() ? l.nkUnweighted()
                    : l.nkWeighted()));
            m.put("focus", spread(l.focus()));
            m.put("focus_normalised", spread(l.focusNormalised()));
            WilcoxonResult w = l.test();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("n", w.n());
            t.put("zero_differences", w.zeros());
            t.put("w_plus", w.wPlus());
            t.put("w_minus", w.wMinus());
            t.put("p_value", num(w.pValue()));
            t.put("exact", w.exact());
            t.put("rank_biserial", num(w.rankBiserial()));
            m.put("wilcoxon_KK_vs_NK", t);
            m.put("undefined_rows", l.undefinedRows());
            m.put("keypoint_rows", l.keyRows());
            m.put("non_keypoint_rows", l.nonRows());
            layers.add(m);
        }
        root.put("per_layer", layers);
        Map<String, Object> trends = new LinkedHashMap<>();
        r.trends().forEach((k, v) -> trends.put(k, v == null ? null : v.coefficients()));
        root.put("trends", trends);
        root.put("stages", stages(r.stages()));
        root.put("seconds", r.seconds());
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root);
    }

    private static Object stages(StageSegmentation st) {
        if (st == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("break1", st.break1());
        m.put("break2", st.break2());
        m.put("sse", st.sse());
        List<Object> list = new ArrayList<>();
        for (Stage s : st.stages()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", s.name());
            e.put("first_layer", s.firstLayer());
            e.put("last_layer", s.lastLayer());
            e.put("mean_gap", num(s.meanGap()));
            e.put("gap_slope", num(s.gapSlope()));
            e.put("mean_focus", num(s.meanFocus()));
            e.put("focus_slope", num(s.focusSlope()));
            e.put("mean_theta_KK", num(s.meanKK()));
            e.put("mean_theta_NK", num(s.meanNK()));
            list.add(e);
        }
        m.put("stages", list);
        m.put("identifiable", st.identifiable());
        m.put("candidate_splits", st.candidates());
        if (st.identifiable()) {
            m.put("signature", st.signature());
            m.put("signature_holds", st.signatureHolds());
        } else {
            m.put("verdict", st.notIdentifiable());
        }
        return m;
    }

    private static Map<String, Object> keypointSummary(AnalysisResult r) {
        double kps = 0;
        double patches = 0;
        int empty = 0;
        for (int[] t : r.keypointCounts()) {
            int k = 0;
            for (int v : t) {
                kps += v;
                k += v > 0 ? 1 : 0;
            }
            patches += k;
            empty += k == 0 ? 1 : 0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean_per_image", kps / r.numImages());
        m.put("mean_keypoint_patches", patches / r.numImages());
        m.put("images_without_keypoints", empty);
        return m;
    }

    private static Map<String, Object> spread(Spread s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", num(s.mean()));
        m.put("std", num(s.std()));
        m.put("ci95", new Object[] {num(s.ciLow()), num(s.ciHigh())});
        m.put("n", s.n());
        m.put("excluded", s.excluded());
        return m;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<String> perLayerCsv(AnalysisResult r) {
        List<String> out = new ArrayList<>();
        out.add("layer,stage,theta_KK,theta_KK_std,theta_KK_ci_low,theta_KK_ci_high,theta_NK,theta_NK_std,"
                + "theta_NK_ci_low,theta_NK_ci_high,theta_KN,theta_NN,gap,theta_KK_weighted,theta_NK_weighted,"
                + "theta_KK_unweighted,theta_NK_unweighted,focus,focus_std,focus_normalised,wilcoxon_p,"
                + "rank_biserial,pairs,undefined_rows,images_without_KK,images_without_NK");
        for (LayerSummary l : r.layers()) {
            String stage = r.stages() == null ? "" : r.stages().stageOf(l.layer()).name();
            out.add(l.layer() + "," + stage + "," + csv(l.kk().mean(), l.kk().std(), l.kk().ciLow(), l.kk().ciHigh(),
                    l.nk().mean(), l.nk().std(), l.nk().ciLow(), l.nk().ciHigh(), l.kn().mean(), l.nn().mean(), l.gap(),
                    l.kkWeighted().mean(), l.nkWeighted().mean(), l.kkUnweighted().mean(), l.nkUnweighted().mean(),
                    l.focus().mean(), l.focus().std(), l.focusNormalised().mean(), l.test().pValue(),
                    l.test().rankBiserial()) + "," + l.test().n() + "," + l.undefinedRows() + "," + l.kk().excluded()
                    + "," + l.nk().excluded());
        }
        return out;
    }

    private static List<String> perHeadCsv(AnalysisResult r) {
        List<String> out = new ArrayList<>();
        out.add("layer,head,theta_KK_weighted,theta_NK_weighted,theta_KK_unweighted,theta_NK_unweighted,focus");
        HeadTable h = r.heads();
        for (int l = 0; l < r.numLayers(); l++) {
            for (int k = 0; k < r.raw().heads(); k++) {
                out.add((l + 1) + "," + (k + 1) + "," + csv(h.kkWeighted()[l][k], h.nkWeighted()[l][k],
                        h.kkUnweighted()[l][k], h.nkUnweighted()[l][k], h.focus()[l][k]));
            }
        }
        return out;
    }

    private static List<String> thetaBarCsv(AnalysisResult r) {
        List<String> out = new ArrayList<>();
        out.add("image,name,patch,keypoints,theta_bar");
        for (int i = 0; i < r.numImages(); i++) {
            String name = r.imageNames().get(i).replace(',', '_');
            for (int j = 0; j < r.patches(); j++) {
                out.add(i + "," + name + "," + j + "," + r.keypointCounts()[i][j] + "," + csv(r.thetaBar()[i][j]));
            }
        }
        return out;
    }

    private static String csv(double... v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (Double.isFinite(v[i])) {
                sb.append(String.format(Locale.ROOT, "%.6g", v[i]));
            }
        }
        return sb.toString();
    }
}
