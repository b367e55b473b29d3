package io.mae4j.cache;

import io.mae4j.data.CorruptImageException;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.ImageDecoder;
import io.mae4j.mask.ImageScores;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * {@code cache show}: the source image (scaled so its short side is at least 448 px) under a
 * translucent θ̄ heat map on the canonical grid with the keypoints drawn as green circles of their
 * size, and a colour bar on the right. The colours span the image's own θ̄ range (black = its
 * minimum → red → yellow = its maximum; NaN cells left clear), printed at the ends of the bar: a
 * model-scored θ̄ often lies in a narrow band (e.g. 0.30–0.45) that a fixed 0–1 scale shows as one tint.
 */
public final class CacheShow {

    /** Width of the colour-bar strip on the right, in pixels. */
    public static final int BAR = 90;

    private CacheShow() {}

    /** {min, max} of the non-NaN values; {0, 1} when there is none; max &gt; min. */
    static float[] range(float[] v) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            if (!Float.isNaN(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (lo > hi) {
            return new float[] {0f, 1f};
        }
        return new float[] {lo, hi > lo ? hi : lo + 1e-6f};
    }

    /** Renders the image with its cached scores. */
    public static BufferedImage render(DecodedImage img, ImageScores s) {
        double scale = Math.max(1.0, 448.0 / Math.min(img.width(), img.height()));
        int w = (int) Math.round(img.width() * scale);
        int h = (int) Math.round(img.height() * scale);
        BufferedImage out = new BufferedImage(w + BAR, h, BufferedImage.TYPE_INT_RGB);
        BufferedImage src = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                src.setRGB(x, y, (img.get(x, y, 0) << 16) | (img.get(x, y, 1) << 8) | img.get(x, y, 2));
            }
        }
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(w, 0, BAR, h);
        g.drawImage(src, 0, 0, w, h, null);
        int n = s.gridSize();
        float[] range = range(s.thetaBar());
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                float v = s.thetaBar()[r * n + c];
                if (Float.isNaN(v)) {
                    continue;
                }
                g.setColor(heat((v - range[0]) / (range[1] - range[0]), 0.55f));
                int x0 = (int) Math.round((double) c * w / n);
                int y0 = (int) Math.round((double) r * h / n);
                g.fillRect(x0, y0, (int) Math.round((double) (c + 1) * w / n) - x0,
                        (int) Math.round((double) (r + 1) * h / n) - y0);
            }
        }
        g.setColor(Color.GREEN);
        g.setStroke(new BasicStroke(1.5f));
        double side = Math.sqrt((double) w * h);
        for (int k = 0; k < s.numKeypoints(); k++) {
            double cx = s.keypoints()[2 * k] * w;
            double cy = s.keypoints()[2 * k + 1] * h;
            double rad = Math.max(2.0, s.sizes()[k] * side / 2);
            g.drawOval((int) Math.round(cx - rad), (int) Math.round(cy - rad), (int) Math.round(2 * rad),
                    (int) Math.round(2 * rad));
        }
        bar(g, w, h, range);
        g.dispose();
        return out;
    }

    /** The colour bar: opaque colours of the scale, top = max, bottom = min, labelled. */
    private static void bar(Graphics2D g, int x0, int h, float[] range) {
        int top = 24;
        int bottom = h - 24;
        int bx = x0 + 10;
        for (int y = top; y <= bottom; y++) {
            g.setColor(heat(1f - (float) (y - top) / (bottom - top), 1f));
            g.drawLine(bx, y, bx + 18, y);
        }
        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(12f));
        g.drawString("θ̄", bx, 16);
        g.drawString(String.format(java.util.Locale.ROOT, "%.3f", range[1]), bx + 22, top + 10);
        g.drawString(String.format(java.util.Locale.ROOT, "%.3f", range[0]), bx + 22, bottom);
    }

    /** Decodes {@code image}, renders it with {@code scores} and writes {@code png}. */
    public static void write(Path image, ImageScores scores, Path png) throws IOException {
        DecodedImage img;
        try {
            img = ImageDecoder.decode(image);
        } catch (CorruptImageException e) {
            throw new IOException(e.getMessage(), e);
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        ImageIO.write(render(img, scores), "png", png.toFile());
    }

    /** The scale at t ∈ [0, 1] (clamped): black → red → yellow. */
    static Color heat(float t, float alpha) {
        float v = Math.max(0f, Math.min(1f, t));
        float r = Math.min(1f, 2 * v);
        float gr = Math.max(0f, 2 * v - 1);
        return new Color(r, gr, 0f, alpha);
    }
}
