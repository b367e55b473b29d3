package io.mae4j.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * How the stages emerge over training: one picture, {@code <run>/analysis/emergence.png}, of two layers ×
 * epochs heatmaps — θ_KK − θ_NK and the focus index — each with its colour bar, and the Retrieval | Capture |
 * Coach boundaries of every analysed epoch drawn as white lines between the layers they separate. The data are
 * the per-epoch {@code report.json} files under {@code <run>/analysis/}: the in-training analyses
 * ({@code epoch_NNNN/}) and {@code analyze} of a run's {@code epoch-NNNN.ckpt} checkpoints; the epoch is the
 * report's {@code epoch} entry, else the NNNN of its folder name. One report per epoch (the first folder in name
 * order wins).
 */
public final class StageEmergence {

    /** File name under {@code <run>/analysis/}. */
    public static final String FILE = "emergence.png";

    private static final Pattern EPOCH = Pattern.compile("epoch[-_](\\d+)");
    private static final Color[] RANGE = {new Color(15, 15, 60), new Color(40, 90, 200), new Color(90, 200, 160),
        new Color(250, 230, 60)};
    private static final int CELL_W = 28;
    private static final int CELL_H = 22;

    private StageEmergence() {}

    /**
     * One analysed epoch.
     *
     * @param epoch epochs done when it ran (1-based)
     * @param gap θ_KK − θ_NK per layer (index 0 = layer 1), NaN where undefined
     * @param focus focus index per layer
     * @param break1 first layer of Capture, 0 when no stages were found
     * @param break2 first layer of Coach, 0 when no stages were found
     */
    public record Point(int epoch, double[] gap, double[] focus, int break1, int break2) {}

    /**
     * The picture's data.
     *
     * @param epochs the analysed epochs, ascending (columns)
     * @param gap [layer][column] θ_KK − θ_NK
     * @param focus [layer][column] focus index
     * @param breaks [column] {break1, break2} (0, 0 = none)
     */
    public record Matrices(int[] epochs, double[][] gap, double[][] focus, int[][] breaks) {

        /** Number of layers (rows). */
        public int layers() {
            return gap.length;
        }
    }

    /**
     * Lays per-epoch results out as layers × epochs matrices, columns in epoch order.
     *
     * @throws IllegalArgumentException when the epochs disagree on the number of layers, or an epoch repeats
     */
    public static Matrices of(List<Point> points) {
        TreeMap<Integer, Point> byEpoch = new TreeMap<>();
        for (Point p : points) {
            if (byEpoch.put(p.epoch(), p) != null) {
                throw new IllegalArgumentException("epoch " + p.epoch() + " appears twice");
            }
        }
        int l = points.isEmpty() ? 0 : points.get(0).gap().length;
        int e = byEpoch.size();
        double[][] gap = new double[l][e];
        double[][] focus = new double[l][e];
        int[][] breaks = new int[e][];
        int[] epochs = new int[e];
        int col = 0;
        for (Point p : byEpoch.values()) {
            if (p.gap().length != l || p.focus().length != l) {
                throw new IllegalArgumentException("epoch " + p.epoch() + " has " + p.gap().length + " layers, others "
                        + l);
            }
            epochs[col] = p.epoch();
            for (int i = 0; i < l; i++) {
                gap[i][col] = p.gap()[i];
                focus[i][col] = p.focus()[i];
            }
            breaks[col] = new int[] {p.break1(), p.break2()};
            col++;
        }
        return new Matrices(epochs, gap, focus, breaks);
    }

    /** The per-epoch results under {@code <run>/analysis/} (see the class comment). */
    public static List<Point> collect(Path analysisDir) throws IOException {
        List<Point> out = new ArrayList<>();
        if (!Files.isDirectory(analysisDir)) {
            return out;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        try (Stream<Path> s = Files.list(analysisDir)) {
            for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                Path json = d.resolve("report.json");
                if (!Files.isRegularFile(json)) {
                    continue;
                }
                Point p = read(json, d.getFileName().toString());
                if (p != null && seen.add(p.epoch())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** One report.json as a point, or null when it names no epoch. */
    static Point read(Path json, String folder) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        int epoch;
        if (o.has("epoch") && o.get("epoch").isJsonPrimitive()) {
            epoch = o.get("epoch").getAsInt();
        } else {
            Matcher m = EPOCH.matcher(folder);
            if (!m.find()) {
                return null;
            }
            epoch = Integer.parseInt(m.group(1));
        }
        JsonArray layers = o.getAsJsonArray("per_layer");
        double[] gap = new double[layers.size()];
        double[] focus = new double[layers.size()];
        for (int i = 0; i < gap.length; i++) {
            JsonObject l = layers.get(i).getAsJsonObject();
            gap[i] = num(l.get("gap"));
            focus[i] = num(l.getAsJsonObject("focus").get("mean"));
        }
        JsonElement st = o.get("stages");
        int b1 = 0;
        int b2 = 0;
        if (st != null && st.isJsonObject()) {
            b1 = st.getAsJsonObject().get("break1").getAsInt();
            b2 = st.getAsJsonObject().get("break2").getAsInt();
        }
        return new Point(epoch, gap, focus, b1, b2);
    }

    private static double num(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    /**
     * Writes {@code <run>/analysis/emergence.png} from the analyses found there.
     *
     * @return the PNG bytes, or null when no analysed epoch was found
     */
    public static byte[] write(Path runDir) throws IOException {
        Path dir = runDir.resolve("analysis");
        List<Point> points = collect(dir);
        if (points.isEmpty()) {
            return null;
        }
        byte[] png = png(of(points));
        Files.write(dir.resolve(FILE), png);
        return png;
    }

    /** Renders the two heatmaps side by side. */
    public static byte[] png(Matrices m) throws IOException {
        int l = m.layers();
        int e = m.epochs().length;
        int panelW = 70 + e * CELL_W + 110;
        int height = 60 + l * CELL_H + 60;
        BufferedImage img = new BufferedImage(2 * panelW, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            panel(g, 0, "θ_KK − θ_NK by layer and epoch", m.gap(), m);
            panel(g, panelW, "focus index by layer and epoch", m.focus(), m);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void panel(Graphics2D g, int x0, String title, double[][] v, Matrices m) {
        int l = m.layers();
        int e = m.epochs().length;
        int left = x0 + 70;
        int top = 50;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : v) {
            for (double x : row) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, x0 + 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("white lines: stage boundaries (Retrieval | Capture | Coach)", x0 + 10, 38);
        for (int layer = 0; layer < l; layer++) { // layer 1 at the top
            int y = top + layer * CELL_H;
            g.setColor(Color.BLACK);
            g.drawString(String.valueOf(layer + 1), left - 22, y + CELL_H - 6);
            for (int c = 0; c < e; c++) {
                double x = v[layer][c];
                g.setColor(Double.isFinite(x) ? colour((x - lo) / Math.max(hi - lo, 1e-12)) : Color.LIGHT_GRAY);
                g.fillRect(left + c * CELL_W, y, CELL_W, CELL_H);
            }
        }
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(3));
        for (int c = 0; c < e; c++) {
            for (int b : m.breaks()[c]) {
                if (b > 1) { // the boundary above layer b (1-based): between rows b-2 and b-1
                    int y = top + (b - 1) * CELL_H;
                    g.drawLine(left + c * CELL_W + 1, y, left + (c + 1) * CELL_W - 1, y);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left, top, e * CELL_W, l * CELL_H);
        int step = Math.max(1, (int) Math.ceil(e / 10.0));
        for (int c = 0; c < e; c += step) {
            g.drawString(String.valueOf(m.epochs()[c]), left + c * CELL_W + 4, top + l * CELL_H + 14);
        }
        g.drawString("epoch", left + e * CELL_W / 2 - 15, top + l * CELL_H + 30);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString("layer", -(top + l * CELL_H / 2 + 15), left - 32);
        r.dispose();
        // colour bar
        int bx = left + e * CELL_W + 20;
        int bh = l * CELL_H;
        for (int y = 0; y < bh; y++) {
            g.setColor(colour(1 - (double) y / Math.max(1, bh - 1)));
            g.fillRect(bx, top + y, 14, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(bx, top, 14, bh);
        for (int k = 0; k <= 4; k++) {
            double val = hi - (hi - lo) * k / 4;
            int y = top + (int) Math.round((double) bh * k / 4);
            g.drawLine(bx + 14, y, bx + 18, y);
            g.drawString(String.format(Locale.ROOT, "%.3g", val), bx + 21, y + 4);
        }
    }

    /** The RANGE colour map at t in [0, 1]. */
    static Color colour(double t) {
        double u = Math.max(0, Math.min(1, t)) * (RANGE.length - 1);
        int i = Math.min((int) Math.floor(u), RANGE.length - 2);
        double f = u - i;
        Color a = RANGE[i];
        Color b = RANGE[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
}
