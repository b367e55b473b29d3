package io.mae4j.run;

import java.util.Locale;

/**
 * One epoch's summary, as written to metrics.csv.
 *
 * @param epoch 0-based epoch
 * @param globalStep iterations done at the end of the epoch
 * @param trainLoss mean training loss over the epoch's iterations
 * @param lr learning rate at the last iteration
 * @param imgPerSec training throughput (images / wall second of the training iterations)
 * @param knnTop1 k-NN top-1 accuracy, NaN when not evaluated
 * @param knnTop5 k-NN top-5 accuracy, NaN when not evaluated
 * @param seconds wall time of the epoch including evaluation
 * @param beta mean {@code mask/beta} over the epoch's iterations, NaN when the mask strategy has none
 * @param betaEffective mean {@code mask/beta_effective} over the epoch's iterations, NaN when none
 */
public record EpochStats(
        int epoch, long globalStep, double trainLoss, double lr, double imgPerSec, double knnTop1, double knnTop5,
        double seconds, double beta, double betaEffective) {

    /** An epoch without a curriculum (beta and beta_effective NaN). */
    public EpochStats(int epoch, long globalStep, double trainLoss, double lr, double imgPerSec, double knnTop1,
            double knnTop5, double seconds) {
        this(epoch, globalStep, trainLoss, lr, imgPerSec, knnTop1, knnTop5, seconds, Double.NaN, Double.NaN);
    }

    /** The metrics.csv row (empty cells for values not measured). */
    public String csvRow() {
        return String.format(Locale.ROOT, "%d,%d,%.6f,%.6e,%.2f,%s,%s,%.2f,%s,%s", epoch, globalStep, trainLoss, lr,
                imgPerSec, cell(knnTop1), cell(knnTop5), seconds, cell(beta), cell(betaEffective));
    }

    /**
     * Means over the epochs that have them of {@code beta} and {@code beta_effective} (NaN, NaN for a run without
     * a curriculum).
     *
     * @return {mean beta, mean beta_effective}
     */
    public static double[] meanBetas(java.util.List<EpochStats> rows) {
        double b = 0;
        double e = 0;
        int n = 0;
        for (EpochStats r : rows) {
            if (!Double.isNaN(r.beta())) {
                b += r.beta();
                e += r.betaEffective();
                n++;
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {b / n, e / n};
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** Parses a metrics.csv row written by {@link #csvRow()} (or an 8-column row of a run before beta). */
    public static EpochStats parse(String row) {
        String[] f = row.split(",", -1);
        if (f.length != 8 && f.length != 10) {
            throw new IllegalArgumentException("metrics.csv row has " + f.length + " fields, expected 10: " + row);
        }
        return new EpochStats(Integer.parseInt(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), num(f[5]), num(f[6]), Double.parseDouble(f[7]),
                f.length == 10 ? num(f[8]) : Double.NaN, f.length == 10 ? num(f[9]) : Double.NaN);
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** The one-line epoch summary printed and written to train.log. */
    public String logLine(int epochs) {
        String knn = Double.isNaN(knnTop1) ? "" : String.format(Locale.ROOT, "  knn@1 %.4f", knnTop1);
        String b = Double.isNaN(beta) ? "" : String.format(Locale.ROOT, "  beta %.3f (effective %.3f)", beta,
                betaEffective);
        return String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  lr %.3e  %.1f img/s%s%s  (%.1fs)", epoch + 1, epochs,
                trainLoss, lr, imgPerSec, knn, b, seconds);
    }
}
