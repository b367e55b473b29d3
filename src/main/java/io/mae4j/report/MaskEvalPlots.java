package io.mae4j.report;

import io.mae4j.maskeval.MaskEvalStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Fig.-8-like plot of mask as prompt: accuracy against the drop ratio r for Top, Bottom and
 * Random (r = 0 is the unmasked baseline, shared by the three lines), each point with its 95%
 * bootstrap interval drawn as a vertical bar (bars of the three modes slightly offset in r so they
 * do not hide each other), and the baseline accuracy as a dotted horizontal line.
 */
public final class MaskEvalPlots {

    static final Color TOP = new Color(214, 39, 40);
    static final Color BOTTOM = new Color(31, 119, 180);
    static final Color RANDOM = new Color(127, 127, 127);

    private MaskEvalPlots() {}

    /** The chart. */
    public static XYChart accuracy(MaskEvalStats stats, String title) {
        XYChart c = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle("drop ratio r")
                .yAxisTitle("top-1 accuracy").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        MaskEvalStats.Row base = stats.rows().get(0);
        List<MaskEvalStats.Row> top = stats.mode("top");
        double maxR = top.stream().mapToDouble(MaskEvalStats.Row::ratio).max().orElse(0.4);
        double offset = 0.006 * Math.max(maxR, 0.1);
        mode(c, "Top (highest θ̄ dropped)", base, top, TOP, -offset);
        mode(c, "Bottom (lowest θ̄ dropped)", base, stats.mode("bottom"), BOTTOM, 0);
        mode(c, "Random (mean of repeats)", base, stats.mode("random"), RANDOM, offset);
        XYSeries b = c.addSeries("baseline (r = 0)", new double[] {0, maxR}, new double[] {base.accuracy(),
            base.accuracy()});
        b.setLineColor(Color.DARK_GRAY);
        b.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        b.setMarker(SeriesMarkers.NONE);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        return c;
    }

    /** PNG bytes of the chart. */
    public static byte[] png(XYChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static void mode(XYChart c, String name, MaskEvalStats.Row base, List<MaskEvalStats.Row> rows, Color color,
            double dx) {
        double[] x = new double[rows.size() + 1];
        double[] y = new double[rows.size() + 1];
        x[0] = 0;
        y[0] = base.accuracy();
        for (int i = 0; i < rows.size(); i++) {
            x[i + 1] = rows.get(i).ratio();
            y[i + 1] = rows.get(i).accuracy();
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(new BasicStroke(2.5f));
        for (int i = 0; i < rows.size(); i++) {
            MaskEvalStats.Row r = rows.get(i);
            if (Double.isNaN(r.ci().low())) {
                continue;
            }
            XYSeries bar = c.addSeries(name + " CI " + i, new double[] {r.ratio() + dx, r.ratio() + dx},
                    new double[] {r.ci().low(), r.ci().high()});
            bar.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 150));
            bar.setLineStyle(new BasicStroke(2f));
            bar.setMarker(SeriesMarkers.NONE);
            bar.setShowInLegend(false);
        }
    }
}
