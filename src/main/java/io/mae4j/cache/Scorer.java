package io.mae4j.cache;

import io.mae4j.data.DecodedImage;
import io.mae4j.sift.Keypoint;
import java.util.List;

/**
 * Computes images' θ̄ on the canonical g×g grid laid over the whole source image (index row·g + col,
 * NaN = undefined), in two steps: {@link #prepare} per image on the builder's worker threads (must be
 * thread-safe), then {@link #finish} per batch on the builder's caller thread (where a model runs).
 */
public interface Scorer {

    /** Short name used in file names and the header, e.g. {@code sift-only}. */
    String name();

    /** Identifies the scorer and its parameters; a cache built by another scorer is refused. */
    String fingerprint();

    /**
     * Per-image work (worker thread).
     *
     * @param image the decoded source image
     * @param normalized its SIFT keypoints in [0, 1] source coordinates
     * @param gridSize g
     */
    Prepared prepare(DecodedImage image, List<Keypoint> normalized, int gridSize);

    /**
     * θ̄ of a batch (caller thread). The default returns what {@link #prepare} computed.
     *
     * @return one g·g array per prepared image, in order
     */
    default float[][] finish(List<Prepared> batch) {
        float[][] out = new float[batch.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = batch.get(i).theta();
        }
        return out;
    }

    /**
     * What {@link #prepare} hands to {@link #finish}.
     *
     * @param theta θ̄ when prepare computed it already, else null
     * @param input scorer-specific model input (e.g. an {@code io.mae4j.analysis.ProbeImage}), or null
     */
    record Prepared(float[] theta, Object input) {}
}
