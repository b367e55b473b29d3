package io.mae4j.maskeval;

import io.mae4j.data.SeedMix;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics of a {@link MaskEvalRun}: accuracy per mode and ratio with 95% percentile
 * bootstrap intervals over images ({@link PercentileBootstrap}; every interval uses the same resampling seed,
 * so all conditions see the same resampled image sets), the paired difference to the unmasked
 * baseline (paired bootstrap interval) and, for Top and Bottom, the exact McNemar test against the
 * baseline. The random control's accuracy is the mean over its R repeats; its interval resamples
 * the per-image mean correctness over repeats, and its spread is the sample sd (and range) of the
 * R per-repeat accuracies.
 *
 * @param rows baseline first, then Top, Bottom and Random per ratio
 * @param spurious the spurious-drop statistics, or null
 */
public record MaskEvalStats(List<Row> rows, SpuriousStats spurious) {

    /**
     * One condition.
     *
     * @param mode baseline, top, bottom or random
     * @param ratio r
     * @param nDrop patches dropped per image
     * @param accuracy mean correctness
     * @param ci 95% interval of the accuracy
     * @param repeatSd sample sd of the per-repeat accuracies (random; NaN otherwise)
     * @param repeatMin lowest per-repeat accuracy (random; NaN otherwise)
     * @param repeatMax highest per-repeat accuracy (random; NaN otherwise)
     * @param diff accuracy − baseline accuracy
     * @param diffCi 95% paired interval of the difference
     * @param test McNemar against the baseline (top and bottom; null otherwise)
     */
    public record Row(String mode, double ratio, int nDrop, double accuracy, PercentileBootstrap.Interval ci, double repeatSd,
            double repeatMin, double repeatMax, double diff, PercentileBootstrap.Interval diffCi, McNemar test) {}

    /**
     * Dropping the finder's attended non-keypoint patches, and the random non-keypoint control.
     *
     * @param images evaluated images
     * @param flaggedImages images flagged by the null at the false-discovery rate (with ≥ 1 flagged patch)
     * @param withoutNull images the per-patch rule alone would flag
     * @param fdr the false-discovery rate
     * @param meanFlagged mean flagged patches per image
     * @param meanKeypointPatches mean |K| per image
     * @param affected images with a non-empty drop set (the statistics below are over these)
     * @param meanDrop mean drop-set size over the affected images
     * @param attended the effect of dropping the attended patches
     * @param control the effect of dropping as many random non-keypoint patches
     */
    public record SpuriousStats(int images, int flaggedImages, int withoutNull, double fdr, double meanFlagged, double meanKeypointPatches,
            int affected, double meanDrop, Effect attended, Effect control) {}

    /**
     * The effect of one drop on the affected images.
     *
     * @param flipRate share of images whose prediction changed
     * @param flipCi its 95% interval
     * @param before accuracy unmasked
     * @param after accuracy with the drop
     * @param diff after − before
     * @param diffCi 95% paired interval of the difference
     * @param test exact McNemar, before vs after
     */
    public record Effect(double flipRate, PercentileBootstrap.Interval flipCi, double before, double after, double diff,
            PercentileBootstrap.Interval diffCi, McNemar test) {}

    /** Computes every statistic. */
    public static MaskEvalStats of(MaskEvalRun run, int resamples, long seed) {
        PercentileBootstrap boot = new PercentileBootstrap(resamples, SeedMix.mix(seed, 0xB007));
        boolean[] base = run.correct(run.baseline());
        double[] b = toDouble(base);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("baseline", 0, 0, mean(b), boot.mean(b), Double.NaN, Double.NaN, Double.NaN, 0,
                new PercentileBootstrap.Interval(0, 0), null));
        double[] ratios = run.ratios();
        for (int r = 0; r < ratios.length; r++) {
            rows.add(paired("top", ratios[r], run.nDrop()[r], run.correct(run.top()[r]), base, b, boot));
            rows.add(paired("bottom", ratios[r], run.nDrop()[r], run.correct(run.bottom()[r]), base, b, boot));
        }
        for (int r = 0; r < ratios.length; r++) {
            int reps = run.repeats();
            double[] perImage = new double[run.images()];
            double[] perRepeat = new double[reps];
            for (int k = 0; k < reps; k++) {
                boolean[] c = run.correct(run.random()[r][k]);
                perRepeat[k] = mean(toDouble(c));
                for (int i = 0; i < c.length; i++) {
                    perImage[i] += c[i] ? 1.0 / reps : 0;
                }
            }
            double acc = mean(perRepeat);
            double ss = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : perRepeat) {
                ss += (v - acc) * (v - acc);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            rows.add(new Row("random", ratios[r], run.nDrop()[r], acc, boot.mean(perImage),
                    reps > 1 ? Math.sqrt(ss / (reps - 1)) : 0, lo, hi, acc - mean(b), boot.paired(perImage, b), null));
        }
        return new MaskEvalStats(rows, run.spurious() == null ? null : spurious(run, boot));
    }

    /** The rows of one mode, in ratio order. */
    public List<Row> mode(String mode) {
        return rows.stream().filter(r -> r.mode().equals(mode)).toList();
    }

    private static Row paired(String mode, double ratio, int nDrop, boolean[] c, boolean[] base, double[] b,
            PercentileBootstrap boot) {
        double[] v = toDouble(c);
        return new Row(mode, ratio, nDrop, mean(v), boot.mean(v), Double.NaN, Double.NaN, Double.NaN,
                mean(v) - mean(b), boot.paired(v, b), McNemar.of(base, c));
    }

    private static SpuriousStats spurious(MaskEvalRun run, PercentileBootstrap boot) {
        MaskEvalRun.SpuriousRun s = run.spurious();
        List<Integer> affected = new ArrayList<>();
        int flaggedImages = 0;
        double flagged = 0;
        double keys = 0;
        double drop = 0;
        for (int i = 0; i < run.images(); i++) {
            SpuriousFinder.Finding f = s.findings().get(i);
            flagged += f.flagged().size();
            keys += f.keypointPatches();
            flaggedImages += f.flagged().isEmpty() ? 0 : 1;
            if (f.drop().length > 0) {
                affected.add(i);
                drop += f.drop().length;
            }
        }
        int n = run.images();
        return new SpuriousStats(n, flaggedImages, s.withoutNull(), s.fdr(), flagged / n, keys / n, affected.size(),
                affected.isEmpty() ? Double.NaN : drop / affected.size(), effect(run, affected, s.after(), boot),
                effect(run, affected, s.control(), boot));
    }

    private static Effect effect(MaskEvalRun run, List<Integer> on, int[] after, PercentileBootstrap boot) {
        int m = on.size();
        boolean[] before = new boolean[m];
        boolean[] now = new boolean[m];
        double[] flip = new double[m];
        for (int k = 0; k < m; k++) {
            int i = on.get(k);
            before[k] = run.baseline()[i] == run.labels()[i];
            now[k] = after[i] == run.labels()[i];
            flip[k] = after[i] != run.baseline()[i] ? 1 : 0;
        }
        double[] b = toDouble(before);
        double[] a = toDouble(now);
        return new Effect(mean(flip), boot.mean(flip), mean(b), mean(a), mean(a) - mean(b), boot.paired(a, b),
                McNemar.of(before, now));
    }

    static double[] toDouble(boolean[] c) {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i] ? 1 : 0;
        }
        return out;
    }

    static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
