package io.mae4j.report;

import io.mae4j.analysis.AnalysisResult;
import io.mae4j.analysis.Stage;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Fig. 7b: attention rows of probe image 0 drawn on the patch grid, at one layer of each stage (the
 * middle layer; layers 1, L/2 and L when there are no stages). Top row: the query is the patch with
 * the most keypoints; bottom row: the non-keypoint patch closest to the grid centre (skipped when
 * the image has no such patch). Values are the head-mean α of the row (as analysis.cls_handling
 * defines α); the grid is drawn like the image, row 0 at the top. Each panel has a colour bar (its
 * legend) from that row's minimum to its maximum α.
 */
public final class AttentionHeatmaps {

    private static final Color[] RANGE = {new Color(15, 15, 60), new Color(40, 90, 200), new Color(90, 200, 160),
        new Color(250, 230, 60)};

    private AttentionHeatmaps() {}

    /** Renders the panels into one PNG. */
    public static byte[] png(AnalysisResult r) throws IOException {
        int[] layers = layers(r);
        int[] t = r.keypointCounts()[0];
        List<Integer> queries = new ArrayList<>();
        queries.add(keyQuery(t));
        int non = nonKeyQuery(t);
        if (non >= 0) {
            queries.add(non);
        }
        List<Chart<?, ?>> charts = new ArrayList<>();
        for (int q : queries) {
            for (int i = 0; i < layers.length; i++) {
                charts.add(panel(r, layers[i], q, r.stages() == null ? "" : Stage.NAMES[i] + ", "));
            }
        }
        @SuppressWarnings({"rawtypes", "unchecked"})
        List<Chart> raw = (List) charts;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(raw, queries.size(), layers.length, bytes, BitmapEncoder.BitmapFormat.PNG);
        return bytes.toByteArray();
    }

    /** The layers shown (1-based). */
    static int[] layers(AnalysisResult r) {
        if (r.stages() != null) {
            return r.stages().stages().stream().mapToInt(Stage::middleLayer).toArray();
        }
        int l = r.numLayers();
        return l >= 3 ? new int[] {1, (l + 1) / 2, l} : java.util.stream.IntStream.rangeClosed(1, l).toArray();
    }

    /** The patch with the most keypoints (the first on a tie); patch 0 when there is none. */
    static int keyQuery(int[] t) {
        int best = 0;
        for (int j = 1; j < t.length; j++) {
            if (t[j] > t[best]) {
                best = j;
            }
        }
        return best;
    }

    /** The non-keypoint patch nearest the grid centre, or −1. */
    static int nonKeyQuery(int[] t) {
        int w = (int) Math.round(Math.sqrt(t.length));
        double c = (w - 1) / 2.0;
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < t.length; j++) {
            double d = Math.hypot(j / w - c, j % w - c);
            if (t[j] == 0 && d < bestD) {
                best = j;
                bestD = d;
            }
        }
        return best;
    }

    /** {min, max} of {@code v[from .. from+n)} (a constant row gets max = min + 1e-9 so the bar has a span). */
    static double[] range(float[] v, int from, int n) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = from; j < from + n; j++) {
            lo = Math.min(lo, v[j]);
            hi = Math.max(hi, v[j]);
        }
        return new double[] {lo, hi > lo ? hi : lo + 1e-9};
    }

    static HeatMapChart panel(AnalysisResult r, int layer, int query, String stage) {
        int n = r.patches();
        int w = (int) Math.round(Math.sqrt(n));
        String kind = r.keypointCounts()[0][query] > 0 ? "keypoint" : "non-keypoint";
        return grid(r.sampleAttention()[layer - 1], query, n, String.format(Locale.ROOT,
                "%slayer %d, %s query (%d,%d)", stage, layer, kind, query / w, query % w));
    }

    /**
     * One panel: row {@code query} of the (N × N) attention {@code alpha} on the patch grid, with its
     * colour bar from the row's minimum to its maximum.
     */
    static HeatMapChart grid(float[] alpha, int query, int n, String title) {
        int w = (int) Math.round(Math.sqrt(n));
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int k = 0; k < w; k++) {
            xs.add(k);
            ys.add(w - 1 - k); // labels: the top category is row 0
        }
        List<Number[]> cells = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            cells.add(new Number[] {j % w, w - 1 - j / w, alpha[query * n + j]});
        }
        double[] range = range(alpha, query * n, n);
        HeatMapChart c = new HeatMapChartBuilder().width(500).height(400).title(title)
                .xAxisTitle("column").yAxisTitle("row").build();
        c.getStyler().setRangeColors(RANGE);
        c.getStyler().setShowValue(false);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        // the legend of a heat map is its colour bar: α from the row's minimum to its maximum
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        c.getStyler().setMin(range[0]);
        c.getStyler().setMax(range[1]);
        c.getStyler().setAxisTicksVisible(w <= 16);
        c.addSeries("α", xs, ys, cells);
        return c;
    }
}
