package io.mae4j.mask;

import java.nio.file.Path;

/**
 * Where score-guided mask strategies get each image's SIFT keypoints and per-patch score θ̄:
 * the precomputed θ score cache ({@code io.mae4j.cache}), or an in-memory source in tests.
 */
public interface ScoreSource {

    /**
     * The scores of one source image.
     *
     * @param image the image file as the dataset lists it
     * @return its scores, or null when the source has none for it
     */
    ImageScores scores(Path image);
}
