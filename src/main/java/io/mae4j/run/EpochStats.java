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
 */
public record EpochStats(
        int epoch, long globalStep, double trainLoss, double lr, double imgPerSec, double knnTop1, double knnTop5,
        double seconds) {

    /** The metrics.csv row (empty cells for values not measured). */
    public String csvRow() {
        return String.format(Locale.ROOT, "%d,%d,%.6f,%.6e,%.2f,%s,%s,%.2f", epoch, globalStep, trainLoss, lr,
                imgPerSec, cell(knnTop1), cell(knnTop5), seconds);
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** Parses a metrics.csv row written by {@link #csvRow()}. */
    public static EpochStats parse(String row) {
        String[] f = row.split(",", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("metrics.csv row has " + f.length + " fields, expected 8: " + row);
        }
        return new EpochStats(Integer.parseInt(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), num(f[5]), num(f[6]), Double.parseDouble(f[7]));
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** The one-line epoch summary printed and written to train.log. */
    public String logLine(int epochs) {
        String knn = Double.isNaN(knnTop1) ? "" : String.format(Locale.ROOT, "  knn@1 %.4f", knnTop1);
        return String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  lr %.3e  %.1f img/s%s  (%.1fs)", epoch + 1, epochs,
                trainLoss, lr, imgPerSec, knn, seconds);
    }
}
