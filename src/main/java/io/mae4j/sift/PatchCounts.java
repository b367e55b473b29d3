package io.mae4j.sift;

import java.util.List;

/**
 * Keypoint counts t<sub>j</sub> on a patch grid (src/site/markdown/definitions.md, "SIFT counts"): keypoint (x, y) of a
 * W × H image belongs to patch (⌊y/P⌋, ⌊x/P⌋), patch index j = row · w + col with w = W / P (the
 * ViT patchify order). A point on the far edge (x = W or y = H, which OpenCV's sub-pixel
 * refinement can produce) is counted in the last column or row. Keypoint patches K = {j : t_j > 0}.
 */
public final class PatchCounts {

    private PatchCounts() {}

    /**
     * Counts keypoints per patch.
     *
     * @param keypoints positions in pixels of the W × H image
     * @param width W, a multiple of {@code patch}
     * @param height H, a multiple of {@code patch}
     * @param patch P
     * @return t, length (H/P) · (W/P), in patch order
     * @throws IllegalArgumentException for a grid that does not divide the image, or a keypoint
     *     outside [0, W] × [0, H] (remap and filter keypoints of another image first)
     */
    public static int[] counts(List<Keypoint> keypoints, int width, int height, int patch) {
        if (patch <= 0 || width <= 0 || height <= 0 || width % patch != 0 || height % patch != 0) {
            throw new IllegalArgumentException("image " + width + "x" + height + " is not a whole grid of "
                    + patch + " px patches");
        }
        int w = width / patch;
        int h = height / patch;
        int[] t = new int[w * h];
        for (Keypoint k : keypoints) {
            if (!(k.x() >= 0 && k.x() <= width && k.y() >= 0 && k.y() <= height)) {
                throw new IllegalArgumentException("keypoint (" + k.x() + ", " + k.y() + ") lies outside the "
                        + width + "x" + height + " image; remap it with KeypointRemap.toOutput first");
            }
            int col = Math.min((int) Math.floor(k.x() / patch), w - 1);
            int row = Math.min((int) Math.floor(k.y() / patch), h - 1);
            t[row * w + col]++;
        }
        return t;
    }

    /** Number of keypoint patches |K| = #{j : t_j > 0}. */
    public static int keypointPatches(int[] t) {
        int n = 0;
        for (int v : t) {
            if (v > 0) {
                n++;
            }
        }
        return n;
    }
}
