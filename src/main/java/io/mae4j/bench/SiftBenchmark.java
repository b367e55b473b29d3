package io.mae4j.bench;

import io.mae4j.data.DecodedImage;
import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import io.mae4j.sift.Keypoint;
import io.mae4j.sift.PatchCounts;
import io.mae4j.sift.SiftDetector;
import io.mae4j.sift.SiftSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * SIFT alone, on one thread: keypoints (OpenCV defaults) and per-patch counts t_j on a {@code
 * patch}-pixel grid, for generated {@code size}-px images (the synthetic painter: shapes on
 * textures), decoded in memory so no file I/O is timed. One repetition = all images.
 */
public final class SiftBenchmark {

    /**
     * Results.
     *
     * @param images images per repetition
     * @param size image side in pixels
     * @param meanKeypoints keypoints per image, averaged
     * @param meanKeypointPatches patches with t_j &gt; 0 per image, averaged
     * @param repSeconds wall time of each timed repetition
     * @param peakRssMiB peak RSS during the section
     */
    public record Result(int images, int size, double meanKeypoints, double meanKeypointPatches, double[] repSeconds, double peakRssMiB) {

        /** Images per second at the median repetition. */
        public double imgPerSec() {
            return images / Measure.median(repSeconds);
        }
    }

    private SiftBenchmark() {}

    /** Generated images of the synthetic painter at {@code size} px (train split, classes in turn). */
    public static List<DecodedImage> images(int n, int size) {
        SyntheticDataset gen = new SyntheticDataset(new SynthSpec(10, Math.max(1, (n + 9) / 10), 1, size, false, 0));
        List<DecodedImage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(gen.render(0, i % 10, i / 10));
        }
        return out;
    }

    /**
     * Runs the benchmark.
     *
     * @param n images per repetition
     * @param size side in pixels (160)
     * @param patch patch side for the counts (16)
     */
    public static Result run(int n, int size, int patch, int warmup, int reps) {
        List<DecodedImage> imgs = images(n, size);
        SiftDetector sift = new SiftDetector(SiftSettings.OPENCV_DEFAULTS);
        Measure.resetPeakRss();
        double[] t = new double[reps];
        long keypoints = 0;
        long keypointPatches = 0;
        for (int r = 0; r < warmup + reps; r++) {
            long t0 = System.nanoTime();
            long kp = 0;
            long patches = 0;
            for (DecodedImage img : imgs) {
                List<Keypoint> k = sift.detect(img);
                int[] counts = PatchCounts.counts(k, size, size, patch);
                kp += k.size();
                patches += PatchCounts.keypointPatches(counts);
            }
            if (r >= warmup) {
                t[r - warmup] = (System.nanoTime() - t0) / 1e9;
            }
            keypoints = kp;
            keypointPatches = patches;
        }
        return new Result(n, size, keypoints / (double) n, keypointPatches / (double) n, t, Measure.peakRssMiB());
    }
}
