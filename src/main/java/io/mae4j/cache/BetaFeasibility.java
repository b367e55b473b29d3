package io.mae4j.cache;

import io.mae4j.data.CropBox;
import io.mae4j.data.CropGeometry;
import io.mae4j.data.RandomResizedCrop;
import io.mae4j.mask.BetaSchedule;
import io.mae4j.mask.CropScores;
import io.mae4j.mask.ImageScores;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * How much of a guided curriculum a θ score cache can carry (src/site/markdown/keypoints.md, "β
 * feasibility"). For each cached image, {@link #CROPS} seeded MAE crops (the run's {@code data.crop_*} on the
 * model's h × w patch grid, as training draws them) give keypoint-patch counts k<sub>i,c</sub> = |K| of the
 * crop ({@link CropScores}). With N patches and M = N − ⌊N (1 − r)⌋ masked patches (as every mask strategy):
 *
 * <ul>
 *   <li>β<sub>max</sub>(i) = (1/C) Σ<sub>c</sub> min(1, k<sub>i,c</sub> / M): the largest share of the masked
 *       patches that keypoint patches can fill in image i's crops, on average;
 *   <li>the data supports β for a share s of the images when #{i : β<sub>max</sub>(i) ≥ β} ≥ s · n, so the
 *       largest such β is the (1 − s) quantile of β<sub>max</sub>;
 *   <li>the mask takes M<sub>K</sub> = min(round(β M), k) keypoint patches, raised to M − (N − k) when the
 *       other patches run out, so the expected {@code mask/beta_effective} at β is the mean of
 *       M<sub>K</sub> / M over all (image, crop) pairs ({@link #expectedEffective}).
 * </ul>
 *
 * @param numPatches N
 * @param masked M
 * @param keypoints keypoints per image (the cache's, whole image)
 * @param kpPatches k<sub>i,c</sub>, one row per image, {@link #CROPS} columns
 */
public record BetaFeasibility(int numPatches, int masked, int[] keypoints, int[][] kpPatches) {

    /** Crops C drawn per image. */
    public static final int CROPS = 8;

    /**
     * The crops training would draw.
     *
     * @param imgSize S
     * @param patchSize P
     * @param scale data.crop_scale {min, max}
     * @param ratio data.crop_ratio {min, max}
     */
    public record Crops(int imgSize, int patchSize, double[] scale, double[] ratio) {}

    /**
     * Measures a cache.
     *
     * @param entries the cached images
     * @param crops the training crop geometry
     * @param maskRatio r
     * @param seed crop randomness (the result is a pure function of it)
     */
    public static BetaFeasibility of(List<CacheEntry> entries, Crops crops, double maskRatio, long seed) {
        int g = crops.imgSize() / crops.patchSize();
        int n = g * g;
        int m = n - (int) (n * (1 - maskRatio));
        SplittableRandom rng = new SplittableRandom(seed);
        int[] kps = new int[entries.size()];
        int[][] k = new int[entries.size()][CROPS];
        for (int i = 0; i < entries.size(); i++) {
            CacheEntry e = entries.get(i);
            ImageScores s = e.scores();
            kps[i] = s.numKeypoints();
            for (int c = 0; c < CROPS; c++) {
                CropBox b = RandomResizedCrop.sampleBox(e.width(), e.height(), crops.scale()[0], crops.scale()[1],
                        crops.ratio()[0], crops.ratio()[1], rng);
                CropGeometry geo = new CropGeometry(e.width(), e.height(), b.j(), b.i(), b.w(), b.h(), crops.imgSize(),
                        crops.imgSize(), false);
                k[i][c] = CropScores.of(s, geo, g, g).keypointPatches();
            }
        }
        return new BetaFeasibility(n, m, kps, k);
    }

    /** min(1, k / M) for one crop; 1 when M = 0 (nothing is masked, any β holds). */
    public static double betaMax(int kpPatches, int masked) {
        return masked == 0 ? 1.0 : Math.min(1.0, (double) kpPatches / masked);
    }

    /** β<sub>max</sub>(i) per image. */
    public double[] betaMax() {
        double[] out = new double[kpPatches.length];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            for (int k : kpPatches[i]) {
                sum += betaMax(k, masked);
            }
            out[i] = sum / kpPatches[i].length;
        }
        return out;
    }

    /** The share of images with β<sub>max</sub>(i) ≥ β. */
    public double shareSupporting(double beta) {
        double[] b = betaMax();
        int ok = 0;
        for (double v : b) {
            ok += v >= beta - 1e-12 ? 1 : 0;
        }
        return b.length == 0 ? 0 : (double) ok / b.length;
    }

    /** The largest β that at least {@code share} of the images support: the (1 − share) quantile of β_max. */
    public double supportedBeta(double share) {
        double[] b = betaMax();
        if (b.length == 0) {
            return 0;
        }
        Arrays.sort(b);
        int idx = (int) Math.floor((1 - share) * b.length + 1e-9); // images below it: at most (1 − share) n
        return b[Math.min(idx, b.length - 1)];
    }

    /** Expected mean {@code mask/beta_effective} at β (the guided mask's arithmetic on the crops' k). */
    public double expectedEffective(double beta) {
        if (masked == 0) {
            return 0;
        }
        double sum = 0;
        int cnt = 0;
        int want = (int) Math.round(beta * masked);
        for (int[] row : kpPatches) {
            for (int k : row) {
                int fromK = Math.max(Math.min(want, k), masked - (numPatches - k));
                sum += (double) fromK / masked;
                cnt++;
            }
        }
        return cnt == 0 ? 0 : sum / cnt;
    }

    /**
     * Means over epochs 0..epochs−1 of β and of the expected beta_effective.
     *
     * @return {mean β, mean expected beta_effective}
     */
    public double[] overSchedule(BetaSchedule schedule, int epochs) {
        double b = 0;
        double e = 0;
        for (int ep = 0; ep < epochs; ep++) {
            double beta = schedule.at(ep);
            b += beta;
            e += expectedEffective(beta);
        }
        return new double[] {b / Math.max(1, epochs), e / Math.max(1, epochs)};
    }

    /** Multi-line text for {@code cache info}. */
    public String describe(double maskRatio) {
        double[] kp = new double[keypoints.length];
        double[] kpp = new double[kpPatches.length];
        int none = 0;
        for (int i = 0; i < kp.length; i++) {
            kp[i] = keypoints[i];
            double s = 0;
            for (int v : kpPatches[i]) {
                s += v;
            }
            kpp[i] = s / kpPatches[i].length;
            none += keypoints[i] == 0 ? 1 : 0;
        }
        double[] bm = betaMax();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "keypoints/image     %s; %.1f%% of images have none%n", summary(kp),
                kp.length == 0 ? 0 : 100.0 * none / kp.length));
        sb.append(String.format(Locale.ROOT, "kp patches/crop     %s (of N = %d; mean over %d MAE crops per image)%n",
                summary(kpp), numPatches, CROPS));
        sb.append(String.format(Locale.ROOT, "beta_max/image      %s (min(1, kp patches / M), M = %d masked at ratio %s)%n",
                summary(bm), masked, maskRatio));
        sb.append(String.format(Locale.ROOT, "supported beta      %.3f for 90%% of images, %.3f for 50%%%n",
                supportedBeta(0.9), supportedBeta(0.5)));
        sb.append(String.format(Locale.ROOT, "expected beta_eff.  %.3f at beta 0.1, %.3f at 0.3, %.3f at 0.5%n",
                expectedEffective(0.1), expectedEffective(0.3), expectedEffective(0.5)));
        return sb.toString();
    }

    private static String summary(double[] v) {
        if (v.length == 0) {
            return "no images";
        }
        Percentile p = new Percentile();
        p.setData(v);
        return String.format(Locale.ROOT, "mean %.2f, p10 %.2f, median %.2f, p90 %.2f", Arrays.stream(v).average()
                .orElse(0), p.evaluate(10), p.evaluate(50), p.evaluate(90));
    }
}
