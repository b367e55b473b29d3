package io.mae4j.bench;

import ai.djl.ndarray.NDManager;
import io.mae4j.bench.Measure;
import io.mae4j.data.CropBox;
import io.mae4j.data.CropGeometry;
import io.mae4j.data.HostBatch;
import io.mae4j.data.RandomResizedCrop;
import io.mae4j.mask.BetaSchedule;
import io.mae4j.mask.GuidedCurriculumStrategy;
import io.mae4j.mask.ImageScores;
import io.mae4j.mask.MaskContext;
import io.mae4j.mask.MaskStrategy;
import io.mae4j.mask.RandomMaskStrategy;
import io.mae4j.model.MaeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import io.mae4j.train.EpochRunner;

/**
 * What guided curriculum masking costs against random masking (issue 5: at most 3 % of the step).
 *
 * <p>Scores: an in-memory θ cache ({@link io.mae4j.cache.CacheReader} also holds its entries in
 * memory) with, per image, θ̄ on a 14 × 14 grid and 20–100 keypoints of a 160 px source. Each step
 * draws fresh RandomResizedCrop (0.2–1, 3/4–4/3) + flip geometries, so every guided mask remaps
 * keypoints and θ̄ through a real crop. Both strategies mask 75 %, so the model does the same work.
 *
 * <ol>
 *   <li>mask construction alone: {@code sample(...)} of each strategy for one batch, interleaved;
 *   <li>whole training steps (the real {@link EpochRunner} step on one fixed batch) alternating
 *       random / guided in ABBA order on the same weights, so drifts and machine noise hit both.
 * </ol>
 */
public final class MaskCostBenchmark {

    /**
     * Results, seconds per batch.
     *
     * @param batch batch size
     * @param randomMask mask construction, random
     * @param guidedMask mask construction, guided (θ lookup, crop remap, ranking)
     * @param randomStep whole step with random masks
     * @param guidedStep whole step with guided masks
     * @param peakRssMiB peak RSS during the section
     */
    public record Result(int batch, double[] randomMask, double[] guidedMask, double[] randomStep, double[] guidedStep,
            double peakRssMiB) {

        /** median(guided step) / median(random step); target ≤ 1.03. */
        public double stepRatio() {
            return Measure.median(guidedStep) / Measure.median(randomStep);
        }

        /** Median over pairs of guided / random step times (the pairs ran back to back). */
        public double pairedStepRatio() {
            double[] r = new double[guidedStep.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = guidedStep[i] / randomStep[i];
            }
            return Measure.median(r);
        }

        /** Extra mask construction of guided over random, as a fraction of the median random step. */
        public double maskCostFraction() {
            return (Measure.median(guidedMask) - Measure.median(randomMask)) / Measure.median(randomStep);
        }
    }

    private static final int SOURCE = 160;

    private MaskCostBenchmark() {}

    /** Runs the benchmark on {@code cfg} at {@code batch} with {@code warmup} + {@code reps} pairs of each part. */
    public static Result run(MaeConfig cfg, int batch, int warmup, int reps) {
        double ratio = 0.75;
        Map<Path, ImageScores> cache = scores(batch);
        MaskStrategy random = new RandomMaskStrategy(ratio);
        MaskStrategy guided = new GuidedCurriculumStrategy(ratio, BetaSchedule.paper(), cache::get, 0);
        SplittableRandom geoRng = new SplittableRandom(3);
        Measure.resetPeakRss();
        double[][] mask = new double[2][reps];
        double[][] step = new double[2][reps];
        try (BenchHarness h = new BenchHarness(cfg, batch); NDManager scratch = NDManager.newBaseManager()) {
            HostBatch fixed = BenchHarness.fixedBatch(cfg, batch, null);
            for (int r = 0; r < warmup + reps; r++) {
                HostBatch b = BenchHarness.fixedBatch(cfg, batch, geometries(batch, cfg.imgSize(), geoRng));
                MaskContext ctx = new MaskContext(batch, cfg.gridSize(), cfg.gridSize(), 0, r, r, b.geometries(),
                        b.paths());
                for (int k = 0; k < 2; k++) {
                    int which = (r + k) % 2; // alternate which goes first
                    try (NDManager m = scratch.newSubManager()) {
                        long t0 = System.nanoTime();
                        (which == 0 ? random : guided).sample(ctx, m);
                        if (r >= warmup) {
                            mask[which][r - warmup] = (System.nanoTime() - t0) / 1e9;
                        }
                    }
                }
            }
            EpochRunner[] runners = {h.runner(random), h.runner(guided)};
            for (int r = 0; r < warmup + reps; r++) {
                HostBatch b = new HostBatch(fixed.images(), fixed.labels(), fixed.indices(),
                        geometries(batch, cfg.imgSize(), geoRng), fixed.paths());
                for (int k = 0; k < 2; k++) {
                    int which = r % 2 == 0 ? k : 1 - k; // ABBA
                    double s = h.step(runners[which], b);
                    if (r >= warmup) {
                        step[which][r - warmup] = s;
                    }
                }
            }
        }
        return new Result(batch, mask[0], mask[1], step[0], step[1], Measure.peakRssMiB());
    }

    /** In-memory scores for {@code img0.png … img<n−1>.png}: random θ̄ on 14 × 14, 20–100 keypoints. */
    static Map<Path, ImageScores> scores(int n) {
        SplittableRandom rng = new SplittableRandom(11);
        Map<Path, ImageScores> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            float[] theta = new float[14 * 14];
            for (int j = 0; j < theta.length; j++) {
                theta[j] = (float) rng.nextDouble();
            }
            int k = rng.nextInt(20, 101);
            float[] kp = new float[2 * k];
            float[] sizes = new float[k];
            float[] responses = new float[k];
            for (int j = 0; j < k; j++) {
                kp[2 * j] = (float) rng.nextDouble();
                kp[2 * j + 1] = (float) rng.nextDouble();
                sizes[j] = 0.02f;
                responses[j] = 0.01f;
            }
            out.put(Path.of("img" + i + ".png"), new ImageScores(14, theta, kp, sizes, responses));
        }
        return out;
    }

    /** MAE crops of a 160 px source into {@code side} px, flipped half the time. */
    static List<CropGeometry> geometries(int n, int side, SplittableRandom rng) {
        List<CropGeometry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CropBox c = RandomResizedCrop.sampleBox(SOURCE, SOURCE, 0.2, 1.0, 0.75, 4 / 3.0, rng);
            out.add(new CropGeometry(SOURCE, SOURCE, c.j(), c.i(), c.w(), c.h(), side, side, rng.nextBoolean()));
        }
        return out;
    }
}
