package io.mae4j.report;

import java.awt.Color;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a {@link Comparison}: k-NN top-1 and training loss against the epoch (1-based),
 * one colour per group: the group mean as a thick line with error bars of ± one sd across its runs
 * (seeds), each run as a thin translucent line behind it.
 */
public final class ComparisonPlots {

    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127)};

    private ComparisonPlots() {}

    /** k-NN top-1 vs epoch. */
    public static XYChart accuracy(Comparison c) {
        return plot(c, "k-NN top-1 by " + c.groupBy() + " (mean ± sd across runs)", "k-NN top-1", true);
    }

    /** Training loss vs epoch. */
    public static XYChart loss(Comparison c) {
        return plot(c, "Training loss by " + c.groupBy() + " (mean ± sd across runs)", "train loss", false);
    }

    /** A chart as PNG bytes. */
    public static byte[] png(XYChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart plot(Comparison c, String title, String yTitle, boolean accuracy) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        List<Comparison.Group> groups = c.groups();
        for (int g = 0; g < groups.size(); g++) {
            Comparison.Group group = groups.get(g);
            Color color = COLORS[g % COLORS.length];
            Color faint = new Color(color.getRed(), color.getGreen(), color.getBlue(), 70);
            int k = 0;
            for (Comparison.Run r : c.runs()) {
                if (!r.group().equals(group.group())) {
                    continue;
                }
                RunScores.Curve curve = accuracy ? RunScores.Curve.accuracy(r.rows()) : RunScores.Curve.loss(r.rows());
                XYSeries s = chart.addSeries(group.group() + " run " + (++k) + " ", curve.x(), curve.y());
                s.setLineColor(faint);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineWidth(1f);
                s.setShowInLegend(false);
            }
            Comparison.Band b = accuracy ? group.accuracy() : group.loss();
            String label = group.group() + " (" + group.runs() + (group.runs() == 1 ? " run)" : " runs)");
            XYSeries s = chart.addSeries(label, b.x(), b.mean(), b.sd());
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineWidth(2.5f);
        }
        return chart;
    }
}
