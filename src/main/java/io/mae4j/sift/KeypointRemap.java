package io.mae4j.sift;

import io.mae4j.data.CropGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves keypoints between images: from a source image into an augmentation's output (crop box,
 * resize, flip; see {@link CropGeometry}), and to / from normalised source coordinates, the form a
 * keypoint cache stores so that one detection serves every crop of the image.
 *
 * <p>Output position: (ox, oy) = {@link CropGeometry#toOutput}. A keypoint is kept when its
 * unflipped output position lies in [0, outW) × [0, outH), i.e. the source point is inside the
 * half-open crop box; after a flip a kept point may sit on the far edge ox = outW, which {@link
 * PatchCounts} counts in the last column. Size scales by √(sx · sy) with sx = outW / crop width,
 * sy = outH / crop height; a flip mirrors the angle to (180° − angle) mod 360.
 *
 * <p>Normalised coordinates: u = x / W, v = y / H, size / √(W · H), for a W × H source image;
 * angle, response and octave unchanged.
 */
public final class KeypointRemap {

    private KeypointRemap() {}

    /**
     * Keypoints of the source image moved into the output of {@code g}; those outside the crop are
     * dropped.
     *
     * @param source keypoints in source-image pixels
     */
    public static List<Keypoint> toOutput(List<Keypoint> source, CropGeometry g) {
        double sx = g.outputWidth() / g.width();
        double sy = g.outputHeight() / g.height();
        double sizeScale = Math.sqrt(sx * sy);
        List<Keypoint> out = new ArrayList<>();
        for (Keypoint k : source) {
            double ux = (k.x() - g.x()) * sx; // unflipped output column
            double oy = (k.y() - g.y()) * sy;
            if (!(ux >= 0 && ux < g.outputWidth() && oy >= 0 && oy < g.outputHeight())) {
                continue;
            }
            double ox = g.flipped() ? g.outputWidth() - ux : ux;
            double angle = g.flipped() ? mirrorAngle(k.angle()) : k.angle();
            out.add(k.moved(ox, oy, k.size() * sizeScale, angle));
        }
        return out;
    }

    /**
     * Keypoints in normalised coordinates of a W × H image.
     *
     * @param pixels keypoints in pixels of that image
     */
    public static List<Keypoint> toNormalized(List<Keypoint> pixels, int width, int height) {
        checkSize(width, height);
        double side = Math.sqrt((double) width * height);
        List<Keypoint> out = new ArrayList<>(pixels.size());
        for (Keypoint k : pixels) {
            out.add(k.moved(k.x() / width, k.y() / height, k.size() / side, k.angle()));
        }
        return out;
    }

    /** Normalised keypoints back in pixels of a W × H image. */
    public static List<Keypoint> fromNormalized(List<Keypoint> normalized, int width, int height) {
        checkSize(width, height);
        double side = Math.sqrt((double) width * height);
        List<Keypoint> out = new ArrayList<>(normalized.size());
        for (Keypoint k : normalized) {
            out.add(k.moved(k.x() * width, k.y() * height, k.size() * side, k.angle()));
        }
        return out;
    }

    /**
     * Normalised keypoints of a source image (e.g. from a cache) moved into the output of {@code g},
     * whose source size they are denormalised with.
     */
    public static List<Keypoint> normalizedToOutput(List<Keypoint> normalized, CropGeometry g) {
        return toOutput(fromNormalized(normalized, g.sourceWidth(), g.sourceHeight()), g);
    }

    /** (180° − angle) mod 360, in [0, 360). */
    static double mirrorAngle(double angle) {
        double a = (180.0 - angle) % 360.0;
        return a < 0 ? a + 360.0 : a;
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
    }
}
