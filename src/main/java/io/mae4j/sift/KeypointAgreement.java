package io.mae4j.sift;

import io.mae4j.data.CroppedImage;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.RandomResizedCrop;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * How well keypoints stored once per image agree with SIFT run on each training crop (the measurement
 * behind src/site/markdown/keypoints.md). For each image and each of {@code crops} MAE random crops
 * (RandomResizedCrop at the model input side S, with flip), two keypoint-patch sets on the crop's patch grid:
 * <ul>
 *   <li><b>cached</b>: the image's normalised keypoints from {@code rule}, moved into the crop with
 *       {@link KeypointRemap#normalizedToOutput} — what training's guided mask sees;
 *   <li><b>direct</b>: SIFT on the resized crop itself (S × S), the keypoints of the pixels the model gets.
 * </ul>
 * Agreement = Jaccard |A ∩ B| / |A ∪ B| of the two sets (1 when both are empty), averaged over all crops.
 * Crops come from {@code new SplittableRandom(seed)} in image order, so two rules see the same crops.
 */
public final class KeypointAgreement {

    private KeypointAgreement() {}

    /** The rule before the model-view definition: SIFT on the source at its own resolution. */
    public static Function<DecodedImage, List<Keypoint>> sourceResolution(SiftDetector sift) {
        return img -> KeypointRemap.toNormalized(sift.detect(img), img.width(), img.height());
    }

    /** The model-view rule ({@link ModelViewKeypoints}) with view side {@code side}. */
    public static Function<DecodedImage, List<Keypoint>> modelView(SiftDetector sift, int side) {
        return img -> ModelViewKeypoints.normalized(sift, img, side);
    }

    /**
     * Mean Jaccard agreement.
     *
     * @param images source images
     * @param rule the cached keypoints of a source image, normalised
     * @param sift the detector run on each crop
     * @param crop the training crop (output side S)
     * @param patch patch side P (S a multiple of P)
     * @param crops crops per image
     * @param seed crop randomness
     */
    public static double meanJaccard(List<DecodedImage> images, Function<DecodedImage, List<Keypoint>> rule,
            SiftDetector sift, RandomResizedCrop crop, int patch, int crops, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int s = crop.size();
        double sum = 0;
        int n = 0;
        for (DecodedImage img : images) {
            List<Keypoint> cached = rule.apply(img);
            for (int c = 0; c < crops; c++) {
                CroppedImage ci = crop.apply(img, rng);
                int[] a = PatchCounts.counts(KeypointRemap.normalizedToOutput(cached, ci.geometry()), s, s, patch);
                int[] b = PatchCounts.counts(sift.detect(ci.image()), s, s, patch);
                sum += jaccard(a, b);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Jaccard index of the keypoint-patch sets {j : a_j &gt; 0} and {j : b_j &gt; 0}; 1 when both are empty. */
    public static double jaccard(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("patch grids differ: " + a.length + " vs " + b.length);
        }
        int inter = 0;
        int union = 0;
        for (int j = 0; j < a.length; j++) {
            boolean x = a[j] > 0;
            boolean y = b[j] > 0;
            inter += x && y ? 1 : 0;
            union += x || y ? 1 : 0;
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }
}
