package io.mae4j.report;

import io.mae4j.data.DecodedImage;
import io.mae4j.tensorboard.RgbImage;

/**
 * Small picture operations on the model grid for the mask-eval figures: an image enlarged by an
 * integer factor, and patches blended with a colour (dropped patches greyed, flagged ones tinted).
 */
public final class PatchPictures {

    /** The grey of dropped patches. */
    public static final int[] GREY = {128, 128, 128};

    private PatchPictures() {}

    /** The image enlarged by {@code factor} (nearest neighbour). */
    public static RgbImage scaled(DecodedImage img, int factor) {
        RgbImage out = RgbImage.blank(img.width() * factor, img.height() * factor);
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                out.set(x, y, img.get(x / factor, y / factor, 0), img.get(x / factor, y / factor, 1),
                        img.get(x / factor, y / factor, 2));
            }
        }
        return out;
    }

    /** The smallest factor that makes a side of {@code side} pixels at least {@code min} pixels. */
    public static int factorFor(int side, int min) {
        return Math.max(1, (min + side - 1) / side);
    }

    /**
     * A copy of {@code img} with the given patches blended with {@code rgb}.
     *
     * @param patches patch indices j = row · grid + col
     * @param patchPx patch side in pixels of {@code img}
     * @param alpha weight of the colour, 1 = solid
     */
    public static RgbImage blend(RgbImage img, int[] patches, int patchPx, int[] rgb, double alpha) {
        RgbImage out = new RgbImage(img.width(), img.height(), img.rgb().clone());
        int grid = img.width() / patchPx;
        for (int j : patches) {
            int x0 = (j % grid) * patchPx;
            int y0 = (j / grid) * patchPx;
            for (int y = y0; y < y0 + patchPx; y++) {
                for (int x = x0; x < x0 + patchPx; x++) {
                    out.set(x, y, mix(img.get(x, y, 0), rgb[0], alpha), mix(img.get(x, y, 1), rgb[1], alpha),
                            mix(img.get(x, y, 2), rgb[2], alpha));
                }
            }
        }
        return out;
    }

    /** A copy with a one-pixel frame of colour {@code rgb} around each of the given patches. */
    public static RgbImage outline(RgbImage img, int[] patches, int patchPx, int[] rgb) {
        RgbImage out = new RgbImage(img.width(), img.height(), img.rgb().clone());
        int grid = img.width() / patchPx;
        for (int j : patches) {
            int x0 = (j % grid) * patchPx;
            int y0 = (j / grid) * patchPx;
            for (int k = 0; k < patchPx; k++) {
                out.set(x0 + k, y0, rgb[0], rgb[1], rgb[2]);
                out.set(x0 + k, y0 + patchPx - 1, rgb[0], rgb[1], rgb[2]);
                out.set(x0, y0 + k, rgb[0], rgb[1], rgb[2]);
                out.set(x0 + patchPx - 1, y0 + k, rgb[0], rgb[1], rgb[2]);
            }
        }
        return out;
    }

    private static int mix(int a, int b, double alpha) {
        return (int) Math.round(a * (1 - alpha) + b * alpha);
    }
}
