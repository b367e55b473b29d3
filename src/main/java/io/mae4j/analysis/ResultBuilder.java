package io.mae4j.analysis;

import io.mae4j.analysis.MeasureTable.Measure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the raw per-head table into layer summaries, statistics, trends and stages (host side). */
final class ResultBuilder {

    private ResultBuilder() {}

    static AnalysisResult build(AnalysisSettings s, int patches, List<String> names, int[][] counts, MeasureTable raw,
            float[][] thetaBar, float[][] sample, double seconds) {
        double lnN = Math.log(patches);
        List<LayerSummary> layers = new ArrayList<>();
        for (int l = 0; l < raw.layers(); l++) {
            double[] kkW = perImage(raw, Measure.KK_WEIGHTED, l);
            double[] nkW = perImage(raw, Measure.NK_WEIGHTED, l);
            double[] kkU = perImage(raw, Measure.KK_UNWEIGHTED, l);
            double[] nkU = perImage(raw, Measure.NK_UNWEIGHTED, l);
            WilcoxonResult test = s.weighted() ? PairedWilcoxon.test(kkW, nkW) : PairedWilcoxon.test(kkU, nkU);
            layers.add(new LayerSummary(l + 1, s.weighted(), Spread.of(kkW), Spread.of(nkW), Spread.of(kkU),
                    Spread.of(nkU), Spread.of(perImage(raw, Measure.FOCUS, l)), lnN, test,
                    raw.total(Measure.UNDEFINED_ROWS, l), raw.total(Measure.KEY_ROWS, l),
                    raw.total(Measure.NON_ROWS, l)));
        }
        AnalysisResult partial = new AnalysisResult(s, patches, names, counts, raw, layers, HeadTable.of(raw), Map.of(),
                null, thetaBar, sample, seconds);
        double[] kk = partial.series("kk");
        double[] nk = partial.series("nk");
        double[] focus = partial.series("focus");
        Map<String, TrendLine> trends = new LinkedHashMap<>();
        trends.put("kk", TrendLine.fit(kk, s.trendDegree()));
        trends.put("nk", TrendLine.fit(nk, s.trendDegree()));
        trends.put("focus", TrendLine.fit(focus, s.trendDegree()));
        StageSegmentation stages = StageSegmenter.segment(partial.series("gap"), focus, kk, nk, s.stageMinLayers());
        return new AnalysisResult(s, patches, names, counts, raw, layers, partial.heads(),
                java.util.Collections.unmodifiableMap(trends), stages, thetaBar, sample, seconds);
    }

    /** Per image, the mean over heads of one layer. */
    private static double[] perImage(MeasureTable raw, Measure m, int layer) {
        double[] out = new double[raw.images()];
        for (int b = 0; b < out.length; b++) {
            out[b] = raw.headMean(m, b, layer);
        }
        return out;
    }
}
