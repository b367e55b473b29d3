package io.mae4j.data;

/**
 * The geometry an augmentation applied to one image: the crop box in source-image pixels, the
 * output size it was resized to, and whether the crop was mirrored horizontally afterwards.
 *
 * <p>Coordinates are continuous pixel coordinates: the source pixel (col, row) covers
 * [col, col+1) × [row, row+1). A source point (sx, sy) lands in the output at
 * ox = (sx − x) · outputWidth / width, oy = (sy − y) · outputHeight / height, and when {@code
 * flipped}, ox becomes outputWidth − ox.
 *
 * @param sourceWidth width of the decoded source image
 * @param sourceHeight height of the decoded source image
 * @param x left edge of the crop box in source pixels
 * @param y top edge of the crop box in source pixels
 * @param width crop box width in source pixels
 * @param height crop box height in source pixels
 * @param outputWidth width of the model input after resize
 * @param outputHeight height of the model input after resize
 * @param flipped whether the resized crop was mirrored left-right
 */
public record CropGeometry(
        int sourceWidth,
        int sourceHeight,
        double x,
        double y,
        double width,
        double height,
        int outputWidth,
        int outputHeight,
        boolean flipped) {

    /** The identity geometry: the whole image resized to the output size, not flipped. */
    public static CropGeometry whole(int sourceWidth, int sourceHeight, int outW, int outH) {
        return new CropGeometry(sourceWidth, sourceHeight, 0, 0, sourceWidth, sourceHeight, outW, outH, false);
    }

    /**
     * Maps a source-image point into output (model input) coordinates.
     *
     * @return {ox, oy}; may fall outside [0, outputWidth) × [0, outputHeight) when the point is
     *     outside the crop
     */
    public double[] toOutput(double sx, double sy) {
        double ox = (sx - x) * outputWidth / width;
        double oy = (sy - y) * outputHeight / height;
        if (flipped) {
            ox = outputWidth - ox;
        }
        return new double[] {ox, oy};
    }

    /** Maps an output (model input) point back into source-image coordinates. */
    public double[] toSource(double ox, double oy) {
        double ux = flipped ? outputWidth - ox : ox;
        return new double[] {x + ux * width / outputWidth, y + oy * height / outputHeight};
    }
}
