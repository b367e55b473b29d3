package io.mae4j.bench;

import io.mae4j.bench.DataBenchmark;
import io.mae4j.bench.Measure;
import io.mae4j.bench.RssSeries;
import io.mae4j.data.BatchLoader;
import io.mae4j.data.HostBatch;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.MaeTransform;
import io.mae4j.data.TransformSettings;
import io.mae4j.mask.RandomMaskStrategy;
import io.mae4j.model.MaeConfig;
import java.nio.file.Path;
import java.util.Arrays;
import io.mae4j.train.EpochRunner;

/**
 * Resident memory over a long run: {@code steps} real training steps (random masks 0.75, AdamW)
 * with real data loading (the shuffled, augmented {@link BatchLoader}, a new loader per epoch as in
 * training) on the synthetic set, the RSS sampled every {@code every} steps into an {@link
 * RssSeries}. Target: growth &lt; 5 % between the post-warm-up plateau and the end.
 */
public final class MemoryBenchmark {

    /**
     * Results.
     *
     * @param steps steps run
     * @param every sampling interval in steps
     * @param batch batch size
     * @param series the RSS samples
     * @param stepSeconds wall time of every step (data wait included)
     * @param peakRssMiB peak RSS during the section
     */
    public record Result(int steps, int every, int batch, RssSeries series, double[] stepSeconds, double peakRssMiB) {

        /** Images per second at the median step. */
        public double imgPerSec() {
            return batch / Measure.median(stepSeconds);
        }
    }

    private MemoryBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param cfg the model
     * @param root synthetic dataset folder (generated when absent)
     * @param batch batch size
     * @param steps training steps (≥ 10)
     * @param every RSS sample interval in steps
     * @param workers loader threads
     */
    public static Result run(MaeConfig cfg, Path root, int batch, int steps, int every, int workers) {
        RssSeries series = new RssSeries(steps);
        DataBenchmark.ensureDataset(root);
        ImageFolderDataset train = ImageFolderDataset.open(root, "train");
        if (BatchLoader.batchesPerEpoch(train.size(), batch, true) == 0) {
            throw new IllegalArgumentException("the memory benchmark needs at least batch=" + batch + " images in "
                    + root.resolve("train") + ", found " + train.size());
        }
        MaeTransform transform = MaeTransform.train(TransformSettings.mae(cfg.imgSize()));
        double[] times = new double[steps];
        Measure.resetPeakRss();
        try (BenchHarness h = new BenchHarness(cfg, batch)) {
            EpochRunner runner = h.runner(new RandomMaskStrategy(0.75));
            int done = 0;
            for (int epoch = 0; done < steps; epoch++) {
                try (BatchLoader loader = BatchLoader.builder(train, transform).batchSize(batch).seed(0).epoch(epoch)
                        .shuffle(true).dropLast(true).numWorkers(workers).prefetch(4).build()) {
                    while (loader.hasNext() && done < steps) {
                        long t0 = System.nanoTime();
                        HostBatch b = loader.next();
                        h.step(runner, b);
                        times[done] = (System.nanoTime() - t0) / 1e9;
                        done++;
                        if (done % every == 0 || done == 1 || done == steps) {
                            series.add(done, Measure.rssMiB());
                        }
                    }
                }
            }
        }
        return new Result(steps, every, batch, series, Arrays.copyOf(times, steps), Measure.peakRssMiB());
    }
}
