package io.mae4j.report;

import io.mae4j.run.EpochStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The comparison numbers of one run, computed from its metrics.csv rows. Epochs are 1-based
 * (epochs completed: metrics.csv's {@code epoch + 1}), the same numbers the training log prints.
 * Only rows with a k-NN evaluation ({@code knn_top1} not NaN) enter the accuracy measures.
 *
 * <ul>
 *   <li>{@code bestTop1}: the highest k-NN top-1 accuracy evaluated.
 *   <li>{@code convergenceEpoch}: the smoothed accuracy {@code s_i} is the trailing moving average of the
 *       evaluated points {@code i-2..i} (fewer at the start: {@code s_0 = a_0}, {@code s_1 = (a_0+a_1)/2}). The
 *       band is {@code [max_i s_i − 0.01, ∞)}: one point below the best <em>smoothed</em> accuracy (the raw best
 *       may be a single spike the average never reaches). The convergence epoch is the first evaluated epoch
 *       {@code e_i} with {@code s_j} in the band for every {@code j ≥ i}; NaN when the last point is out of the
 *       band (the run fell back at its end and did not converge).
 *   <li>{@code auc}: trapezoid area under the raw accuracy over the evaluated epochs, divided by the epoch span
 *       ({@code last − first}), i.e. the mean accuracy over the span; a single evaluation gives its accuracy.
 *   <li>{@code finalLoss}: the training loss of the last row.
 * </ul>
 *
 * @param bestTop1 best k-NN top-1
 * @param convergenceEpoch 1-based epoch, NaN when not converged
 * @param auc normalised area under the accuracy curve
 * @param finalLoss last epoch's training loss
 */
public record RunScores(double bestTop1, double convergenceEpoch, double auc, double finalLoss) {

    /** Band below the best smoothed accuracy that counts as converged (1 point). */
    public static final double BAND = 0.01;

    /** Evaluated points averaged by the smoothing. */
    public static final int WINDOW = 3;

    /**
     * Scores of one run.
     *
     * @throws IllegalArgumentException when no row has a k-NN evaluation
     */
    public static RunScores of(List<EpochStats> rows) {
        Curve c = Curve.accuracy(rows);
        if (c.x().length == 0) {
            throw new IllegalArgumentException("no k-NN evaluation among " + rows.size() + " metrics rows");
        }
        double best = Double.NEGATIVE_INFINITY;
        for (double a : c.y()) {
            best = Math.max(best, a);
        }
        return new RunScores(best, convergenceEpoch(c.x(), c.y()), auc(c.x(), c.y()),
                rows.get(rows.size() - 1).trainLoss());
    }

    /** Trailing moving average over up to {@link #WINDOW} points (fewer at the start). */
    public static double[] smoothed(double[] acc) {
        double[] s = new double[acc.length];
        for (int i = 0; i < acc.length; i++) {
            int from = Math.max(0, i - WINDOW + 1);
            double sum = 0;
            for (int j = from; j <= i; j++) {
                sum += acc[j];
            }
            s[i] = sum / (i - from + 1);
        }
        return s;
    }

    /** First epoch from which the smoothed accuracy stays within {@link #BAND} of its best; NaN if never. */
    public static double convergenceEpoch(double[] epochs, double[] acc) {
        check(epochs, acc);
        double[] s = smoothed(acc);
        double best = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            best = Math.max(best, v);
        }
        double result = Double.NaN;
        for (int i = s.length - 1; i >= 0 && s[i] >= best - BAND - 1e-12; i--) {
            result = epochs[i];
        }
        return result;
    }

    /** Trapezoid area under {@code acc} over {@code epochs}, divided by the epoch span. */
    public static double auc(double[] epochs, double[] acc) {
        check(epochs, acc);
        if (acc.length == 1) {
            return acc[0];
        }
        double area = 0;
        for (int i = 1; i < acc.length; i++) {
            area += (epochs[i] - epochs[i - 1]) * (acc[i] + acc[i - 1]) / 2;
        }
        return area / (epochs[epochs.length - 1] - epochs[0]);
    }

    private static void check(double[] epochs, double[] acc) {
        if (epochs.length != acc.length || acc.length == 0) {
            throw new IllegalArgumentException("need as many epochs as accuracies (at least one), got "
                    + epochs.length + " and " + acc.length);
        }
        for (int i = 1; i < epochs.length; i++) {
            if (epochs[i] <= epochs[i - 1]) {
                throw new IllegalArgumentException("epochs must increase, got " + epochs[i - 1] + " then " + epochs[i]);
            }
        }
    }

    /**
     * Points of one curve of a run (x = 1-based epoch).
     *
     * @param x epochs
     * @param y values
     */
    public record Curve(double[] x, double[] y) {

        /** k-NN top-1 at the evaluated epochs. */
        public static Curve accuracy(List<EpochStats> rows) {
            List<double[]> p = new ArrayList<>();
            for (EpochStats r : rows) {
                if (!Double.isNaN(r.knnTop1())) {
                    p.add(new double[] {r.epoch() + 1, r.knnTop1()});
                }
            }
            return of(p);
        }

        /** Training loss at every epoch. */
        public static Curve loss(List<EpochStats> rows) {
            List<double[]> p = new ArrayList<>();
            for (EpochStats r : rows) {
                p.add(new double[] {r.epoch() + 1, r.trainLoss()});
            }
            return of(p);
        }

        private static Curve of(List<double[]> p) {
            double[] x = new double[p.size()];
            double[] y = new double[p.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = p.get(i)[0];
                y[i] = p.get(i)[1];
            }
            return new Curve(x, y);
        }
    }
}
