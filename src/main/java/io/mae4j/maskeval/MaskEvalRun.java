package io.mae4j.maskeval;

import io.mae4j.data.DecodedImage;
import java.util.List;

/**
 * Every prediction one mask-eval run made, per image (the statistics are in {@link MaskEvalStats}).
 *
 * @param names image names, evaluation order
 * @param labels true labels (classifier order)
 * @param classNames the classifier's class names
 * @param patches N
 * @param ratios drop ratios r, as configured
 * @param nDrop n_drop per ratio
 * @param repeats random-control repeats R
 * @param drop the drop mode
 * @param baseline predictions with nothing dropped (r = 0)
 * @param top [ratio][image] predictions with the highest-θ̄ patches dropped
 * @param bottom [ratio][image] predictions with the lowest-θ̄ patches dropped
 * @param random [ratio][repeat][image] predictions of the random control
 * @param gallery the images of gallery.png, classes in turn ({@link EvalImages#roundRobin})
 * @param spurious the finder's results, or null when it is off
 * @param seconds wall time
 */
public record MaskEvalRun(List<String> names, int[] labels, List<String> classNames, int patches, double[] ratios,
        int[] nDrop, int repeats, DropMode drop, int[] baseline, int[][] top, int[][] bottom, int[][][] random,
        List<Shown> gallery, SpuriousRun spurious, double seconds) {

    /**
     * An image kept for a picture.
     *
     * @param index evaluation index
     * @param name image name
     * @param input the model input (resized centre crop)
     * @param theta θ̄ per patch
     * @param finding the spurious finding, or null
     */
    public record Shown(int index, String name, DecodedImage input, float[] theta, SpuriousFinder.Finding finding) {}

    /**
     * The spurious-correlation finder's results.
     *
     * @param findings per image: flagged patches and drop set; empty for images the null does not flag
     * @param after predictions with the drop set dropped (= baseline when it is empty)
     * @param control predictions with as many random non-keypoint patches dropped
     * @param shown the flagged images with the smallest p-values, for spurious.png
     * @param tests per image: the null test ({@link SpuriousNull})
     * @param fdr the Benjamini–Hochberg false-discovery rate the images were flagged at
     * @param withoutNull images the per-patch rule alone (θ̄_i below the threshold) would have flagged
     */
    public record SpuriousRun(List<SpuriousFinder.Finding> findings, int[] after, int[] control, List<Shown> shown,
            List<SpuriousNull.ImageTest> tests, double fdr, int withoutNull) {}

    /** Number of images. */
    public int images() {
        return labels.length;
    }

    /** 1 where the prediction equals the label. */
    public boolean[] correct(int[] predictions) {
        boolean[] out = new boolean[predictions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictions[i] == labels[i];
        }
        return out;
    }
}
