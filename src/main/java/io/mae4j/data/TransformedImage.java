package io.mae4j.data;

/**
 * A model-ready sample.
 *
 * @param chw normalised pixels, (3, H, W) flattened, float32
 * @param geometry how the source image was cropped, resized and flipped to produce it
 */
public record TransformedImage(float[] chw, CropGeometry geometry) {}
