package io.mae4j.data;

import java.util.SplittableRandom;

/** Turns a decoded image into a normalised (3, size, size) sample; all randomness comes from {@code rng}. */
public interface ImageTransform {

    /** Side length of the square output. */
    int outputSize();

    /** Transforms one image; must be thread-safe (one call per sample, each with its own rng). */
    TransformedImage apply(DecodedImage image, SplittableRandom rng);
}
