package io.mae4j.train;

import com.typesafe.config.Config;
import io.mae4j.data.DataSettings;
import io.mae4j.cache.BetaFeasibility;
import io.mae4j.cache.CacheReader;
import io.mae4j.mask.BetaSchedule;
import java.util.Locale;

/**
 * A guided curriculum's β schedule held against what its θ score cache supports ({@link BetaFeasibility}),
 * checked once at the start of training. The schedule is <b>infeasible</b> when fewer than {@code
 * mask.guided.feasible_share} of the training images have β<sub>max</sub>(i) ≥ the schedule's peak β; the run
 * then says so on the console, in train.log and as TensorBoard text ({@code warnings/curriculum}), and goes on.
 *
 * @param peakBeta the largest β of the schedule over the run's epochs
 * @param share the share of images with β_max ≥ peakBeta
 * @param requiredShare {@code mask.guided.feasible_share}
 * @param supportedBeta the largest β that {@code requiredShare} of the images support
 * @param meanBeta mean β over the run's epochs
 * @param meanExpectedEffective mean over the epochs of the expected {@code mask/beta_effective}
 */
public record CurriculumCheck(double peakBeta, double share, double requiredShare, double supportedBeta,
        double meanBeta, double meanExpectedEffective) {

    /** The check of a composed config's schedule against its cache. */
    static CurriculumCheck of(Config c, CacheReader reader) {
        DataSettings d = DataSettings.from(c.getConfig("data"));
        BetaFeasibility f = BetaFeasibility.of(reader.entries(), new BetaFeasibility.Crops(c.getInt("model.img_size"),
                c.getInt("model.patch_size"), d.cropScale(), d.cropRatio()), c.getDouble("mask.mask_ratio"),
                c.getLong("seed"));
        return of(f, BetaSchedule.fromConfig(c.getConfig("mask.guided")), c.getInt("train.epochs"),
                c.getDouble("mask.guided.feasible_share"));
    }

    /**
     * The check of a schedule over {@code epochs} epochs against measured feasibility.
     *
     * @param requiredShare the share of images that must support the peak β
     */
    public static CurriculumCheck of(BetaFeasibility f, BetaSchedule schedule, int epochs, double requiredShare) {
        double peak = 0;
        for (int e = 0; e < epochs; e++) {
            peak = Math.max(peak, schedule.at(e));
        }
        double[] means = f.overSchedule(schedule, epochs);
        return new CurriculumCheck(peak, f.shareSupporting(peak), requiredShare, f.supportedBeta(requiredShare),
                means[0], means[1]);
    }

    /** Whether fewer than the required share of images support the peak β. */
    public boolean infeasible() {
        return share < requiredShare;
    }

    /** The expected mean beta_effective / mean β over the run (1 = the curriculum runs as scheduled). */
    public double expectedRatio() {
        return meanBeta == 0 ? 1 : meanExpectedEffective / meanBeta;
    }

    /** One line for train.log: what the schedule asks and what the cache supports. */
    public String line() {
        return String.format(Locale.ROOT, "guided curriculum: peak beta %.2f, supported by %.0f%% of training images"
                + " (beta <= %.2f for %.0f%% of them); expected mean beta_effective %.3f vs mean beta %.3f (ratio %.2f)",
                peakBeta, 100 * share, supportedBeta, 100 * requiredShare, meanExpectedEffective, meanBeta,
                expectedRatio());
    }

    /** The warning, or "" when the schedule is feasible. */
    public String warning() {
        if (!infeasible()) {
            return "";
        }
        return String.format(Locale.ROOT, "WARNING: the guided curriculum asks for more than the θ score cache supports:"
                + " peak beta %.2f needs enough keypoint patches in the crops, and only %.0f%% of the training images have"
                + " them (mask.guided.feasible_share = %.2f; %.0f%% support beta <= %.2f). Expected mean beta_effective"
                + " %.3f against mean beta %.3f: the curriculum will not run as scheduled. Lower mask.guided.beta_end,"
                + " use larger images or a richer data set; `cache info` shows the keypoint-patch counts.",
                peakBeta, 100 * share, requiredShare, 100 * requiredShare, supportedBeta, meanExpectedEffective,
                meanBeta);
    }
}
