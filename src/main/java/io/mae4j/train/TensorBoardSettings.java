package io.mae4j.train;

import com.typesafe.config.Config;
import java.util.List;

/**
 * What a run writes for TensorBoard ({@code tensorboard.*} keys).
 *
 * @param enabled write an event file into the run folder
 * @param logEvery training scalars every N iterations (and at the last iteration of an epoch)
 * @param imagesEvery reconstruction images every K epochs (and after the last); 0 = never
 * @param numImages validation images in the reconstruction grid
 * @param histogramsEvery parameter and per-sample-loss histograms every K epochs (and after the
 *     last); 0 = never
 * @param histogramBins equal-width buckets per histogram
 * @param flushSeconds longest time an event waits in memory before it is written
 * @param hparams config keys shown as hyperparameters in the HParams dashboard
 */
public record TensorBoardSettings(boolean enabled, int logEvery, int imagesEvery, int numImages, int histogramsEvery,
        int histogramBins, double flushSeconds, List<String> hparams) {

    public TensorBoardSettings {
        require(logEvery >= 1, "tensorboard.log_every", logEvery, "at least 1");
        require(imagesEvery >= 0, "tensorboard.images_every", imagesEvery, "0 (off) or more");
        require(numImages >= 1, "tensorboard.num_images", numImages, "at least 1");
        require(histogramsEvery >= 0, "tensorboard.histograms_every", histogramsEvery, "0 (off) or more");
        require(histogramBins >= 1, "tensorboard.histogram_bins", histogramBins, "at least 1");
        require(flushSeconds > 0, "tensorboard.flush_seconds", flushSeconds, "positive");
        hparams = List.copyOf(hparams);
    }

    private static void require(boolean ok, String key, Object value, String what) {
        if (!ok) {
            throw new IllegalArgumentException(key + " = " + value + " is invalid: it must be " + what);
        }
    }

    /** Reads the {@code tensorboard} section. */
    public static TensorBoardSettings from(Config tb) {
        return new TensorBoardSettings(tb.getBoolean("enabled"), tb.getInt("log_every"), tb.getInt("images_every"),
                tb.getInt("num_images"), tb.getInt("histograms_every"), tb.getInt("histogram_bins"),
                tb.getDouble("flush_seconds"), tb.getStringList("hparams"));
    }

    /** Whether images are due after the 0-based {@code epoch}. */
    public boolean imagesDue(int epoch, int epochs) {
        return due(imagesEvery, epoch, epochs);
    }

    /** Whether histograms are due after the 0-based {@code epoch}. */
    public boolean histogramsDue(int epoch, int epochs) {
        return due(histogramsEvery, epoch, epochs);
    }

    private static boolean due(int every, int epoch, int epochs) {
        return every > 0 && ((epoch + 1) % every == 0 || epoch + 1 == epochs);
    }
}
