package io.mae4j.mask;

/**
 * One image's cached scores, independent of any crop: keypoints in normalised source-image
 * coordinates and θ̄ on a canonical patch grid laid over the whole source image.
 *
 * @param gridSize side g of the canonical grid (θ̄ has g·g entries, index row·g + col)
 * @param thetaBar per-patch score θ̄ on the canonical grid; NaN where undefined
 * @param keypoints keypoint centres as (x, y) pairs in [0, 1] source-image coordinates, length 2·K
 * @param sizes keypoint sizes (diameter / √(W·H) of the source), length K
 * @param responses keypoint responses, length K
 */
public record ImageScores(int gridSize, float[] thetaBar, float[] keypoints, float[] sizes, float[] responses) {

    public ImageScores {
        if (thetaBar.length != gridSize * gridSize) {
            throw new IllegalArgumentException("θ̄ has " + thetaBar.length + " values for a " + gridSize + "×"
                    + gridSize + " grid");
        }
        if (keypoints.length % 2 != 0 || sizes.length * 2 != keypoints.length || responses.length != sizes.length) {
            throw new IllegalArgumentException("keypoint arrays disagree: " + keypoints.length + " coordinates, "
                    + sizes.length + " sizes, " + responses.length + " responses");
        }
    }

    /** Number of keypoints K. */
    public int numKeypoints() {
        return sizes.length;
    }
}
