package io.mae4j.sift;

import io.mae4j.data.DecodedImage;
import io.mae4j.data.OpenCvLoader;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfKeyPoint;
import org.opencv.features2d.SIFT;
import org.opencv.imgproc.Imgproc;

/**
 * OpenCV SIFT ({@code org.openpnp:opencv} 4.9) on the grayscale version of an RGB image, as the
 * paper does (section 2.2: "SIFT converts the original color image to a grayscale image"). The
 * gray value is OpenCV's {@code COLOR_RGB2GRAY}: round(0.299 R + 0.587 G + 0.114 B), the same
 * conversion SIFT applies itself to a colour input. Keypoints come back in OpenCV's order.
 *
 * <p>Run it on the image the model sees (the resized crop at {@code model.img_size}) so the
 * keypoints fall on the model's patch grid; see {@link PatchCounts}. Thread-safe: each call builds
 * its own OpenCV detector (a few microseconds).
 */
public final class SiftDetector {

    private final SiftSettings settings;

    /** @param settings the {@code SIFT.create} parameters */
    public SiftDetector(SiftSettings settings) {
        this.settings = settings;
    }

    /** The parameters in use. */
    public SiftSettings settings() {
        return settings;
    }

    /** Keypoints of an RGB image, in its pixel coordinates. */
    public List<Keypoint> detect(DecodedImage rgb) {
        OpenCvLoader.ensure();
        Mat color = rgb.toMat();
        Mat gray = new Mat();
        try {
            Imgproc.cvtColor(color, gray, Imgproc.COLOR_RGB2GRAY);
            return detectGray(gray);
        } finally {
            color.release();
            gray.release();
        }
    }

    /**
     * Keypoints of an 8-bit single-channel image.
     *
     * @throws IllegalArgumentException when {@code gray} is not CV_8UC1
     */
    public List<Keypoint> detectGray(Mat gray) {
        OpenCvLoader.ensure();
        if (gray.type() != CvType.CV_8UC1) {
            throw new IllegalArgumentException("SIFT needs an 8-bit gray image (CV_8UC1), got "
                    + CvType.typeToString(gray.type()));
        }
        SIFT sift = SIFT.create(settings.nfeatures(), settings.nOctaveLayers(), settings.contrastThreshold(),
                settings.edgeThreshold(), settings.sigma());
        MatOfKeyPoint found = new MatOfKeyPoint();
        try {
            sift.detect(gray, found);
            org.opencv.core.KeyPoint[] raw = found.toArray();
            List<Keypoint> out = new ArrayList<>(raw.length);
            for (org.opencv.core.KeyPoint k : raw) {
                out.add(Keypoint.fromPacked(k.pt.x, k.pt.y, k.size, k.angle, k.response, k.octave));
            }
            return out;
        } finally {
            found.release();
        }
    }
}
