/**
 * SIFT keypoints as the paper's measure of a patch's semantic content (section 2.2): OpenCV SIFT
 * on the grayscale model input ({@link io.mae4j.sift.SiftDetector}), per-patch keypoint counts
 * t<sub>j</sub> on the model's patch grid ({@link io.mae4j.sift.PatchCounts}), keypoints moved
 * through an augmentation's crop box and flip or stored in normalised source coordinates ({@link
 * io.mae4j.sift.KeypointRemap}), and a PNG check of all three ({@link io.mae4j.sift.KeypointOverlay},
 * the paper's Fig. 3).
 *
 * <p>Coordinates are OpenCV's: x to the right, y down, in pixels of the image SIFT ran on, pixel
 * (col, row) covering [col, col+1) × [row, row+1) as in {@link io.mae4j.data.CropGeometry}.
 */
package io.mae4j.sift;
