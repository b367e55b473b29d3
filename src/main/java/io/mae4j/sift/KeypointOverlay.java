package io.mae4j.sift;

import io.mae4j.data.DecodedImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The paper's Fig. 3 as a check picture: the image (enlarged to at least {@value #MIN_SIDE} px on
 * its long side, nearest neighbour), keypoint patches shaded yellow, the patch grid in white, each
 * keypoint as a green circle of its size with a line along its orientation, and a caption with the
 * counts.
 */
public final class KeypointOverlay {

    /** Smallest long side of the picture in pixels. */
    public static final int MIN_SIDE = 448;

    /** Fill of keypoint patches: yellow, 35 % opaque. */
    static final Color KEY_PATCH = new Color(255, 220, 0, 90);

    private KeypointOverlay() {}

    /**
     * Draws the overlay.
     *
     * @param image the image SIFT ran on (the model input)
     * @param keypoints its keypoints, in its pixels
     * @param patch P, the model's patch size (0 = no grid)
     * @return an RGB picture, {@code scale(image)} times the image size plus a caption strip
     */
    public static BufferedImage render(DecodedImage image, List<Keypoint> keypoints, int patch) {
        int s = scale(image);
        int w = image.width() * s;
        int h = image.height() * s;
        int caption = 22;
        BufferedImage out = new BufferedImage(w, h + caption, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = x / s;
                int sy = y / s;
                out.setRGB(x, y, (image.get(sx, sy, 0) << 16) | (image.get(sx, sy, 1) << 8) | image.get(sx, sy, 2));
            }
        }
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            String text;
            if (patch > 0) {
                int[] t = PatchCounts.counts(keypoints, image.width(), image.height(), patch);
                int gw = image.width() / patch;
                g.setColor(KEY_PATCH);
                for (int j = 0; j < t.length; j++) {
                    if (t[j] > 0) {
                        g.fillRect((j % gw) * patch * s, (j / gw) * patch * s, patch * s, patch * s);
                    }
                }
                g.setColor(new Color(255, 255, 255, 150));
                g.setStroke(new BasicStroke(1f));
                for (int x = 0; x <= image.width(); x += patch) {
                    g.drawLine(Math.min(x * s, w - 1), 0, Math.min(x * s, w - 1), h - 1);
                }
                for (int y = 0; y <= image.height(); y += patch) {
                    g.drawLine(0, Math.min(y * s, h - 1), w - 1, Math.min(y * s, h - 1));
                }
                text = String.format(Locale.ROOT, "%d keypoints, %d of %d patches (P=%d) hold one", keypoints.size(),
                        PatchCounts.keypointPatches(t), t.length, patch);
            } else {
                text = keypoints.size() + " keypoints";
            }
            g.setColor(new Color(0, 230, 60));
            g.setStroke(new BasicStroke(1.5f));
            for (Keypoint k : keypoints) {
                double cx = k.x() * s;
                double cy = k.y() * s;
                double r = Math.max(1.5, k.size() * s / 2);
                g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
                double a = Math.toRadians(k.angle());
                g.draw(new Line2D.Double(cx, cy, cx + r * Math.cos(a), cy + r * Math.sin(a)));
            }
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(text, 6, h + 16);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Renders and writes a PNG (parent folders are created). */
    public static void write(Path png, DecodedImage image, List<Keypoint> keypoints, int patch) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(render(image, keypoints, patch), "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }

    /** The enlargement factor: the smallest integer that brings the long side to {@value #MIN_SIDE} px. */
    static int scale(DecodedImage image) {
        int side = Math.max(image.width(), image.height());
        return Math.max(1, (MIN_SIDE + side - 1) / side);
    }
}
