package io.mae4j.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits layers 1..L into three contiguous stages (src/site/markdown/definitions.md "Stages"): both per-layer series,
 * gap_l = θ_KK − θ_NK and focus_l, are standardised (z-scores over layers; a constant series
 * becomes 0), every pair of breakpoints leaving at least {@code minLayers} layers per stage is tried,
 * each stage of each series gets its own least-squares line, and the pair with the smallest summed
 * squared error wins (the first in order of (break1, break2) on a tie). Undefined (NaN) values are
 * left out of the fits.
 */
public final class StageSegmenter {

    private StageSegmenter() {}

    /**
     * Segments the series (index 0 = layer 1).
     *
     * @param gap θ_KK − θ_NK per layer
     * @param focus focus index per layer
     * @param kk θ_KK per layer (summarised only)
     * @param nk θ_NK per layer (summarised only)
     * @param minLayers fewest layers per stage, ≥ 2
     * @return the segmentation, or null when L < 3 · minLayers
     */
    public static StageSegmentation segment(double[] gap, double[] focus, double[] kk, double[] nk, int minLayers) {
        int l = gap.length;
        if (focus.length != l || kk.length != l || nk.length != l) {
            throw new IllegalArgumentException("series lengths differ: " + l + ", " + focus.length + ", " + kk.length
                    + ", " + nk.length);
        }
        if (minLayers < 2) {
            throw new IllegalArgumentException("analysis.stage_min_layers must be >= 2, got " + minLayers);
        }
        if (l < 3 * minLayers) {
            return null;
        }
        double[] zg = standardise(gap);
        double[] zf = standardise(focus);
        int best1 = -1;
        int best2 = -1;
        double bestSse = Double.POSITIVE_INFINITY;
        int candidates = 0;
        for (int b1 = minLayers; b1 <= l - 2 * minLayers; b1++) { // 0-based start of stage 2
            for (int b2 = b1 + minLayers; b2 <= l - minLayers; b2++) { // 0-based start of stage 3
                candidates++;
                double sse = 0;
                for (int[] seg : new int[][] {{0, b1}, {b1, b2}, {b2, l}}) {
                    sse += LineFit.of(zg, seg[0], seg[1]).sse() + LineFit.of(zf, seg[0], seg[1]).sse();
                }
                if (sse < bestSse - 1e-12) {
                    bestSse = sse;
                    best1 = b1;
                    best2 = b2;
                }
            }
        }
        List<Stage> stages = new ArrayList<>();
        int[][] segs = {{0, best1}, {best1, best2}, {best2, l}};
        for (int s = 0; s < 3; s++) {
            int from = segs[s][0];
            int to = segs[s][1];
            LineFit g = LineFit.of(gap, from, to);
            LineFit f = LineFit.of(focus, from, to);
            stages.add(new Stage(Stage.NAMES[s], from + 1, to, g.mean(), g.slope(), f.mean(), f.slope(),
                    LineFit.of(kk, from, to).mean(), LineFit.of(nk, from, to).mean()));
        }
        Map<String, Boolean> sig = signature(stages);
        boolean holds = sig.values().stream().allMatch(Boolean::booleanValue);
        return new StageSegmentation(best1 + 1, best2 + 1, bestSse, List.copyOf(stages), sig, holds, candidates);
    }

    /** The criteria listed in {@link StageSegmentation}, in order. */
    static Map<String, Boolean> signature(List<Stage> s) {
        Stage r = s.get(0);
        Stage c = s.get(1);
        Stage k = s.get(2);
        Map<String, Boolean> out = new LinkedHashMap<>();
        out.put("retrieval_low_gap", r.meanGap() < c.meanGap() && r.meanGap() < k.meanGap());
        out.put("retrieval_broad_focus", r.meanFocus() > c.meanFocus());
        out.put("capture_gap_rises", c.gapSlope() > 0);
        out.put("capture_focus_falls", c.focusSlope() < 0);
        out.put("coach_gap_falls_slightly", k.gapSlope() < 0 && Math.abs(k.gapSlope()) < Math.abs(c.gapSlope()));
        out.put("coach_focus_rises", k.focusSlope() > 0);
        return out;
    }

    /** z-scores with the population standard deviation, NaN kept; a constant series gives zeros. */
    static double[] standardise(double[] v) {
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double ss = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        double sd = n == 0 ? 0 : Math.sqrt(ss / n);
        double[] z = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            z[i] = Double.isNaN(v[i]) ? Double.NaN : sd > 1e-12 * Math.max(1, Math.abs(mean)) ? (v[i] - mean) / sd : 0;
        }
        return z;
    }
}
