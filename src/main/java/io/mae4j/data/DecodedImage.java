package io.mae4j.data;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A decoded 8-bit RGB image held on the Java heap: {@code rgb} is row-major HWC, three bytes per
 * pixel in R, G, B order, {@code rgb.length == width * height * 3}. Heap-held so it never needs
 * closing; {@link #toMat()} makes an OpenCV copy owned (and released) by the caller.
 *
 * @param width image width W in pixels
 * @param height image height H in pixels
 * @param rgb pixel bytes, (H, W, 3), unsigned values stored in signed bytes
 */
public record DecodedImage(int width, int height, byte[] rgb) {

    /** Checks the buffer size. */
    public DecodedImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("Expected " + ((long) width * height * 3) + " RGB bytes for " + width
                    + "x" + height + ", got " + (rgb == null ? "null" : rgb.length));
        }
    }

    /** Channel {@code c} (0 = R, 1 = G, 2 = B) of pixel (x, y) as 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** A new CV_8UC3 Mat holding these pixels in RGB order; the caller must {@code release()} it. */
    public Mat toMat() {
        OpenCvLoader.ensure();
        Mat m = new Mat(height, width, CvType.CV_8UC3);
        m.put(0, 0, rgb);
        return m;
    }

    /**
     * Copies a CV_8UC3 Mat, taken to be in RGB order, onto the heap. The Mat is not released.
     *
     * @throws IllegalArgumentException when the Mat is not CV_8UC3
     */
    public static DecodedImage fromRgbMat(Mat rgbMat) {
        if (rgbMat.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("Expected a CV_8UC3 Mat, got " + CvType.typeToString(rgbMat.type()));
        }
        Mat src = rgbMat.isContinuous() ? rgbMat : rgbMat.clone();
        try {
            byte[] bytes = new byte[src.rows() * src.cols() * 3];
            src.get(0, 0, bytes);
            return new DecodedImage(src.cols(), src.rows(), bytes);
        } finally {
            if (src != rgbMat) {
                src.release();
            }
        }
    }
}
