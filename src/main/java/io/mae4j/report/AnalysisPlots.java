package io.mae4j.report;

import io.mae4j.analysis.AnalysisResult;
import io.mae4j.analysis.Stage;
import io.mae4j.analysis.TrendLine;
import java.awt.BasicStroke;
import java.awt.Color;
import io.mae4j.data.CorruptImageException;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.ImageDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The layer plots of an analysis: θ per head with layer means and trend lines (Fig. 5), the focus
 * index likewise (Fig. 6), and both over the Retrieval / Capture / Coach bands (Fig. 7a). Heatmaps
 * (Fig. 7b) are in {@link AttentionHeatmaps}.
 */
public final class AnalysisPlots {

    static final Color KK = new Color(31, 119, 180);
    static final Color NK = new Color(255, 127, 14);
    static final Color FOCUS = new Color(44, 120, 60);
    static final Color[] BANDS = {new Color(44, 160, 44, 50), new Color(214, 39, 40, 45), new Color(31, 119, 180, 45)};
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private AnalysisPlots() {}

    /**
     * Writes theta_layers.png, focus_layers.png, stages.png (when stages exist) and heatmaps.png.
     *
     * @return the files written
     */
    public static List<Path> writeAll(AnalysisResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : pngs(r).entrySet()) {
            Path p = dir.resolve(e.getKey() + ".png");
            Files.write(p, e.getValue());
            out.add(p);
        }
        return out;
    }

    /**
     * The figures as PNG bytes, by name: theta_layers (Fig. 5), focus_layers (Fig. 6), stages
     * (Fig. 7a, only when stages exist) and heatmaps (Fig. 7b). For TensorBoard image summaries.
     */
    public static Map<String, byte[]> pngs(AnalysisResult r) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("theta_layers", BitmapEncoder.getBitmapBytes(theta(r), BitmapEncoder.BitmapFormat.PNG));
        out.put("focus_layers", BitmapEncoder.getBitmapBytes(focus(r), BitmapEncoder.BitmapFormat.PNG));
        if (r.stages() != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(new ArrayList<>(stages(r)), 2, 1, bytes, BitmapEncoder.BitmapFormat.PNG);
            out.put("stages", bytes.toByteArray());
        }
        out.put("heatmaps", AttentionHeatmaps.png(r));
        return out;
    }

    /** The figures of {@link #pngs} decoded to RGB (e.g. for {@code RgbImage(width, height, rgb)}). */
    public static Map<String, DecodedImage> images(AnalysisResult r) throws IOException {
        Map<String, DecodedImage> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : pngs(r).entrySet()) {
            try {
                out.put(e.getKey(), ImageDecoder.decode(e.getValue(), Path.of(e.getKey() + ".png")));
            } catch (CorruptImageException ex) {
                throw new IOException("XChart wrote an unreadable PNG for " + e.getKey(), ex);
            }
        }
        return out;
    }

    /** Fig. 5: per-head θ_KK and θ_NK points, layer means (solid), trend lines (dashed). */
    public static XYChart theta(AnalysisResult r) {
        String kind = r.settings().weighted() ? "weighted" : "unweighted";
        XYChart c = chart("Patch interrelation per layer (" + kind + " θ, " + r.numImages() + " images)", "θ");
        boolean w = r.settings().weighted();
        headPoints(c, "KK heads", r.heads().kk(w), KK);
        headPoints(c, "NK heads", r.heads().nk(w), NK);
        line(c, "θ_KK (mean of heads)", r.series("kk"), KK);
        line(c, "θ_NK (mean of heads)", r.series("nk"), NK);
        trend(c, "KK trend", r.trends().get("kk"), r.numLayers(), KK);
        trend(c, "NK trend", r.trends().get("nk"), r.numLayers(), NK);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        return c;
    }

    /** Fig. 6: per-head focus index points, layer mean and trend line; the axis ends at ln N. */
    public static XYChart focus(AnalysisResult r) {
        XYChart c = chart("Attention focus index (entropy, nats; max ln N = "
                + String.format(java.util.Locale.ROOT, "%.2f", Math.log(r.patches())) + ")", "focus index");
        headPoints(c, "heads", r.heads().focus(), FOCUS);
        line(c, "mean of heads", r.series("focus"), FOCUS);
        trend(c, "trend", r.trends().get("focus"), r.numLayers(), FOCUS);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(Math.log(r.patches()));
        return c;
    }

    /** Fig. 7a: θ_KK, θ_NK and the gap (top) and the focus index (bottom) over the stage bands. */
    public static List<XYChart> stages(AnalysisResult r) {
        XYChart top = chart("Stages: " + signatureText(r), "θ");
        double[] gap = r.series("gap");
        double low = Math.min(0, min(gap));
        bands(top, r, 1.0, low);
        line(top, "θ_KK", r.series("kk"), KK);
        line(top, "θ_NK", r.series("nk"), NK);
        line(top, "gap = θ_KK − θ_NK", gap, Color.DARK_GRAY);
        top.getStyler().setYAxisMin(low);
        top.getStyler().setYAxisMax(1.0);
        XYChart bottom = chart("", "focus index");
        double hi = Math.log(r.patches());
        bands(bottom, r, hi, 0);
        line(bottom, "focus index", r.series("focus"), FOCUS);
        bottom.getStyler().setYAxisMin(0.0);
        bottom.getStyler().setYAxisMax(hi);
        return List.of(top, bottom);
    }

    private static String signatureText(AnalysisResult r) {
        StringBuilder sb = new StringBuilder();
        for (Stage s : r.stages().stages()) {
            sb.append(s.name()).append(' ').append(s.firstLayer()).append('-').append(s.lastLayer()).append("  ");
        }
        if (!r.stages().identifiable()) {
            return sb.append("(stages not identifiable at depth ").append(r.numLayers()).append(")").toString();
        }
        return sb.append(r.stages().signatureHolds() ? "(paper's signature holds)" : "(signature does not hold)")
                .toString();
    }

    /** One translucent band per stage, from {@code low} to {@code high}, drawn as area series. */
    private static void bands(XYChart c, AnalysisResult r, double high, double low) {
        for (int s = 0; s < 3; s++) {
            Stage st = r.stages().stages().get(s);
            double[] x = {st.firstLayer() - 0.5, st.lastLayer() + 0.5};
            for (double y : low < 0 ? new double[] {high, low} : new double[] {high}) {
                XYSeries b = c.addSeries(st.name() + (y < 0 ? " " : ""), x, new double[] {y, y});
                b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                b.setFillColor(BANDS[s]);
                b.setLineColor(new Color(0, 0, 0, 0));
                b.setMarker(SeriesMarkers.NONE);
                b.setShowInLegend(false);
            }
            c.addAnnotation(new AnnotationText(st.name(), (st.firstLayer() + st.lastLayer()) / 2.0,
                    low + 0.96 * (high - low), false));
        }
    }

    static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle("layer").yAxisTitle(yTitle)
                .build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
        c.getStyler().setXAxisDecimalPattern("0");
        return c;
    }

    private static void headPoints(XYChart c, String name, double[][] perHead, Color color) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int l = 0; l < perHead.length; l++) {
            for (double v : perHead[l]) {
                if (!Double.isNaN(v)) {
                    xs.add(l + 1.0);
                    ys.add(v);
                }
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = c.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
    }

    private static void line(XYChart c, String name, double[] series, Color color) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int l = 0; l < series.length; l++) {
            if (!Double.isNaN(series[l])) {
                xs.add(l + 1.0);
                ys.add(series[l]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = c.addSeries(name, xs, ys);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setLineWidth(2.5f);
    }

    private static void trend(XYChart c, String name, TrendLine t, int layers, Color color) {
        if (t == null) {
            return;
        }
        int steps = 10 * (layers - 1) + 1;
        double[] xs = new double[steps];
        double[] ys = new double[steps];
        for (int i = 0; i < steps; i++) {
            xs[i] = 1 + i / 10.0;
            ys[i] = t.at(xs[i]);
        }
        XYSeries s = c.addSeries(name, xs, ys);
        s.setLineColor(color);
        s.setLineStyle(DASHED);
        s.setMarker(SeriesMarkers.NONE);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                m = Math.min(m, x);
            }
        }
        return Double.isInfinite(m) ? 0 : m;
    }

}
