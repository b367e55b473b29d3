package io.mae4j.cache;

import io.mae4j.data.DecodedImage;
import io.mae4j.sift.Keypoint;
import java.util.List;

/**
 * Computes an image's θ̄ on the canonical g×g grid laid over the whole source image (index
 * row·g + col, NaN = undefined). {@link #score} runs on the builder's worker threads and must be
 * thread-safe.
 */
public interface Scorer {

    /** Short name used in file names and the header, e.g. {@code sift-only}. */
    String name();

    /** Identifies the scorer and its parameters; a cache built by another scorer is refused. */
    String fingerprint();

    /**
     * θ̄ of one image.
     *
     * @param image the decoded source image
     * @param normalized its SIFT keypoints in [0, 1] source coordinates
     * @param gridSize g
     * @return g·g values
     */
    float[] score(DecodedImage image, List<Keypoint> normalized, int gridSize);
}
