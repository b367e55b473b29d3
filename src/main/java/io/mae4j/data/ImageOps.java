package io.mae4j.data;

import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Pixel operations shared by the transforms: crop + resize, and horizontal flip.
 *
 * <p>Resizing is bicubic (OpenCV {@code INTER_CUBIC}, half-pixel-centre convention, so the continuous
 * mapping of {@link CropGeometry} holds). OpenCV's bicubic does not low-pass when shrinking, unlike
 * PIL's (used by the official MAE pipeline), so when an axis shrinks by more than 2× the region is
 * first reduced with {@code INTER_AREA} to twice the target size on that axis, then resized bicubic.
 */
public final class ImageOps {

    private ImageOps() {}

    /**
     * Crops the box (x, y, w, h) out of {@code src} and resizes it to outW × outH.
     *
     * @throws IllegalArgumentException when the box is empty or leaves the image
     */
    public static DecodedImage cropResize(DecodedImage src, int x, int y, int w, int h, int outW, int outH) {
        if (w <= 0 || h <= 0 || x < 0 || y < 0 || x + w > src.width() || y + h > src.height()) {
            throw new IllegalArgumentException("Crop box x=" + x + " y=" + y + " w=" + w + " h=" + h
                    + " is not inside the " + src.width() + "x" + src.height() + " image");
        }
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("Output size must be positive, got " + outW + "x" + outH);
        }
        Mat full = src.toMat();
        Mat region = full.submat(new Rect(x, y, w, h));
        Mat area = null;
        Mat out = new Mat();
        try {
            Mat from = region;
            int iw = w > 2 * outW ? 2 * outW : w;
            int ih = h > 2 * outH ? 2 * outH : h;
            if (iw != w || ih != h) {
                area = new Mat();
                Imgproc.resize(region, area, new Size(iw, ih), 0, 0, Imgproc.INTER_AREA);
                from = area;
            }
            if (iw == outW && ih == outH) {
                from.copyTo(out);
            } else {
                Imgproc.resize(from, out, new Size(outW, outH), 0, 0, Imgproc.INTER_CUBIC);
            }
            return DecodedImage.fromRgbMat(out);
        } finally {
            out.release();
            if (area != null) {
                area.release();
            }
            region.release();
            full.release();
        }
    }

    /** A left-right mirrored copy. */
    public static DecodedImage flipHorizontal(DecodedImage src) {
        int w = src.width();
        int h = src.height();
        byte[] in = src.rgb();
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            int row = y * w * 3;
            for (int x = 0; x < w; x++) {
                int s = row + x * 3;
                int d = row + (w - 1 - x) * 3;
                out[d] = in[s];
                out[d + 1] = in[s + 1];
                out[d + 2] = in[s + 2];
            }
        }
        return new DecodedImage(w, h, out);
    }
}
