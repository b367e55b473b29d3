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
 * translucent θ̄ heat map on the canonical grid (black = 0 → red → yellow = 1; NaN cells left
 * clear) with the keypoints drawn as green circles of their size.
 */
public final class CacheShow {

    private CacheShow() {}

    /** Renders the image with its cached scores. */
    public static BufferedImage render(DecodedImage img, ImageScores s) {
        double scale = Math.max(1.0, 448.0 / Math.min(img.width(), img.height()));
        int w = (int) Math.round(img.width() * scale);
        int h = (int) Math.round(img.height() * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        BufferedImage src = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                src.setRGB(x, y, (img.get(x, y, 0) << 16) | (img.get(x, y, 1) << 8) | img.get(x, y, 2));
            }
        }
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.drawImage(src, 0, 0, w, h, null);
        int n = s.gridSize();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                float v = s.thetaBar()[r * n + c];
                if (Float.isNaN(v)) {
                    continue;
                }
                g.setColor(heat(Math.max(0f, Math.min(1f, v))));
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
        g.dispose();
        return out;
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

    private static Color heat(float v) {
        float r = Math.min(1f, 2 * v);
        float gr = Math.max(0f, 2 * v - 1);
        return new Color(r, gr, 0f, 0.45f);
    }
}
