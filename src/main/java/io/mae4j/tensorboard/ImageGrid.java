package io.mae4j.tensorboard;

import java.util.List;

/**
 * Builds pictures for the image dashboard from model-space arrays: de-normalised images, a patch
 * mask drawn as a grid, and a table of equally sized panels.
 */
public final class ImageGrid {

    /** Grey level of the lines between panels and between mask cells. */
    static final int LINE = 128;

    private ImageGrid() {}

    /**
     * One image of a (B, C, H, W) float array, de-normalised: pixel = clamp(v·std[c] + mean[c], 0,
     * 1)·255, rounded. One channel is drawn grey.
     *
     * @param chw the array, row-major
     * @param index b, the image to take
     * @param c channels C (1 or 3)
     * @param h H
     * @param w W
     * @param mean per-channel mean the images were normalised with (size C)
     * @param std per-channel std (size C)
     */
    public static RgbImage denormalize(float[] chw, int index, int c, int h, int w, float[] mean, float[] std) {
        if (c != 1 && c != 3 || mean.length != c || std.length != c) {
            throw new IllegalArgumentException("denormalize needs 1 or 3 channels with one mean/std each, got C=" + c
                    + ", " + mean.length + " means, " + std.length + " stds");
        }
        int plane = h * w;
        int base = index * c * plane;
        if (base + c * plane > chw.length) {
            throw new IllegalArgumentException("image " + index + " of (" + c + ", " + h + ", " + w
                    + ") lies beyond the " + chw.length + " values given");
        }
        RgbImage img = RgbImage.blank(w, h);
        byte[] rgb = img.rgb();
        for (int ch = 0; ch < 3; ch++) {
            int src = c == 1 ? 0 : ch;
            for (int p = 0; p < plane; p++) {
                double v = chw[base + src * plane + p] * std[src] + mean[src];
                rgb[p * 3 + ch] = (byte) Math.round(Math.max(0, Math.min(1, v)) * 255);
            }
        }
        return img;
    }

    /**
     * The MAE mask of one image as a picture: removed patches black, kept ones white, one-pixel grey
     * lines on the patch borders (when patches are at least 4 pixels).
     *
     * @param mask (N) 1 = removed, 0 = kept, patch j = row·gridW + col
     * @param gridH patch rows h
     * @param gridW patch columns w
     * @param patch P, pixels per patch side
     */
    public static RgbImage mask(float[] mask, int gridH, int gridW, int patch) {
        if (mask.length != gridH * gridW || patch < 1) {
            throw new IllegalArgumentException("mask of " + mask.length + " patches does not fit a " + gridH + "x"
                    + gridW + " grid of " + patch + " px patches");
        }
        RgbImage img = RgbImage.blank(gridW * patch, gridH * patch);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                boolean border = patch >= 4 && (y % patch == 0 || x % patch == 0);
                int v = border ? LINE : mask[(y / patch) * gridW + x / patch] > 0.5f ? 0 : 255;
                img.set(x, y, v, v, v);
            }
        }
        return img;
    }

    /**
     * Panels laid out as a table with {@code gap}-pixel grey lines between them; every panel must
     * have the size of the first.
     */
    public static RgbImage table(List<List<RgbImage>> rows, int gap) {
        if (rows.isEmpty() || rows.get(0).isEmpty() || gap < 0) {
            throw new IllegalArgumentException("a table needs at least one panel and gap >= 0");
        }
        RgbImage first = rows.get(0).get(0);
        int pw = first.width();
        int ph = first.height();
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int width = cols * pw + (cols - 1) * gap;
        int height = rows.size() * ph + (rows.size() - 1) * gap;
        RgbImage out = RgbImage.blank(width, height);
        java.util.Arrays.fill(out.rgb(), (byte) LINE);
        for (int r = 0; r < rows.size(); r++) {
            for (int col = 0; col < rows.get(r).size(); col++) {
                RgbImage p = rows.get(r).get(col);
                if (p.width() != pw || p.height() != ph) {
                    throw new IllegalArgumentException("panel (" + r + ", " + col + ") is " + p.width() + "x"
                            + p.height() + ", the others " + pw + "x" + ph);
                }
                int x0 = col * (pw + gap);
                int y0 = r * (ph + gap);
                for (int y = 0; y < ph; y++) {
                    System.arraycopy(p.rgb(), y * pw * 3, out.rgb(), ((y0 + y) * width + x0) * 3, pw * 3);
                }
            }
        }
        return out;
    }
}
