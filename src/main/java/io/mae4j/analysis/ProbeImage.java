package io.mae4j.analysis;

import io.mae4j.data.DecodedImage;
import io.mae4j.sift.Keypoint;
import java.util.List;

/**
 * One probe image, ready for the analysis: the model input, its normalised pixels and its SIFT
 * keypoints on the model's patch grid.
 *
 * @param name where it came from (file name or caller's label)
 * @param input the RGB model input (resized centre crop, model.img_size square)
 * @param chw normalised pixels (3, H, W), float32
 * @param keypoints SIFT keypoints of {@code input}, in its pixels
 * @param counts t_j per patch, patch order
 */
public record ProbeImage(String name, DecodedImage input, float[] chw, List<Keypoint> keypoints, int[] counts) {

    /** Copies the keypoint list. */
    public ProbeImage {
        keypoints = List.copyOf(keypoints);
    }
}
