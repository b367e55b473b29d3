package io.mae4j.sift;

/**
 * One SIFT keypoint.
 *
 * @param x column in pixels (OpenCV {@code pt.x})
 * @param y row in pixels (OpenCV {@code pt.y})
 * @param size diameter of the keypoint's neighbourhood in pixels
 * @param angle orientation in degrees [0, 360), OpenCV's convention (y down)
 * @param response detector response (contrast of the extremum)
 * @param octave pyramid octave, decoded as OpenCV's {@code unpackOctave}: −1 for the up-sampled
 *     first octave, then 0, 1, …
 * @param layer layer within the octave (1 … nOctaveLayers)
 * @param scale factor from image to octave coordinates: 1 / 2<sup>octave</sup>
 */
public record Keypoint(double x, double y, double size, double angle, double response, int octave, int layer,
        double scale) {

    /**
     * Builds a keypoint from OpenCV's packed {@code KeyPoint.octave}: low byte = octave (signed),
     * next byte = layer.
     */
    public static Keypoint fromPacked(double x, double y, double size, double angle, double response, int packed) {
        int octave = packed & 255;
        int layer = (packed >> 8) & 255;
        octave = octave < 128 ? octave : (-128 | octave);
        double scale = octave >= 0 ? 1.0 / (1 << octave) : (double) (1 << -octave);
        return new Keypoint(x, y, size, angle, response, octave, layer, scale);
    }

    /** The packed form OpenCV stores in {@code KeyPoint.octave}. */
    public int packedOctave() {
        return (octave & 255) | ((layer & 255) << 8);
    }

    /** The same keypoint at another position, size and angle. */
    public Keypoint moved(double nx, double ny, double nsize, double nangle) {
        return new Keypoint(nx, ny, nsize, nangle, response, octave, layer, scale);
    }
}
