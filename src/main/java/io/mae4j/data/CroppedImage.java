package io.mae4j.data;

/**
 * The pixels produced by a geometric transform, with the geometry that maps source points onto them.
 *
 * @param image the resized (and possibly mirrored) crop, RGB
 * @param geometry crop box in source pixels, output size, flip
 */
public record CroppedImage(DecodedImage image, CropGeometry geometry) {}
