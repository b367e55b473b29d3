package io.mae4j.classify;

import java.util.Locale;

/**
 * One epoch of a classifier run: a row of its {@code metrics.csv}.
 *
 * @param epoch 0-based epoch
 * @param globalStep iterations done after it
 * @param trainLoss mean training loss (with label smoothing)
 * @param lr learning rate of the epoch's last iteration (before layer-wise scales)
 * @param imgPerSec training throughput
 * @param valLoss validation cross-entropy (no smoothing), NaN when not evaluated
 * @param top1 validation top-1 accuracy, NaN when not evaluated
 * @param top5 validation top-5 accuracy, NaN when not evaluated or fewer than 5 classes
 * @param seconds wall time of the epoch, evaluation included
 */
public record ClassifierEpoch(int epoch, long globalStep, double trainLoss, double lr, double imgPerSec, double valLoss,
        double top1, double top5, double seconds) {

    /** Columns of metrics.csv. */
    public static final String HEADER = "epoch,global_step,train_loss,lr,img_per_s,val_loss,top1,top5,epoch_seconds";

    /** The metrics.csv row. */
    public String csvRow() {
        return String.format(Locale.ROOT, "%d,%d,%.6f,%.6e,%.2f,%.6f,%.6f,%.6f,%.2f", epoch, globalStep, trainLoss, lr,
                imgPerSec, valLoss, top1, top5, seconds);
    }

    /** Parses a metrics.csv row. */
    public static ClassifierEpoch parse(String row) {
        String[] f = row.split(",");
        if (f.length != 9) {
            throw new IllegalArgumentException("metrics.csv row needs 9 columns (" + HEADER + "), got: " + row);
        }
        return new ClassifierEpoch(Integer.parseInt(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                Double.parseDouble(f[7]), Double.parseDouble(f[8]));
    }

    /** One line for train.log and the console. */
    public String logLine(int epochs) {
        String eval = Double.isNaN(top1) ? "" : String.format(Locale.ROOT, "  val loss %.4f  top1 %.4f%s", valLoss, top1,
                Double.isNaN(top5) ? "" : String.format(Locale.ROOT, "  top5 %.4f", top5));
        return String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  lr %.3e  %.1f img/s%s  (%.1f s)", epoch + 1, epochs,
                trainLoss, lr, imgPerSec, eval, seconds);
    }
}
