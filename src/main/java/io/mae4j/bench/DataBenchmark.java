package io.mae4j.bench;

import io.mae4j.data.BatchLoader;
import io.mae4j.data.HostBatch;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.MaeTransform;
import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import io.mae4j.data.TransformSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Throughput of the training input pipeline alone: the {@link BatchLoader} over the training split
 * with MAE augmentation (decode, RandomResizedCrop 0.2–1, flip, normalise) at {@code size} px,
 * shuffled, full batches. One repetition = one epoch of the split; {@code warmup} untimed epochs
 * first (JIT, OpenCV, file cache). The synthetic set is generated when the folder is absent, as
 * {@code train} does.
 */
public final class DataBenchmark {

    /**
     * Results.
     *
     * @param root dataset folder
     * @param images images per epoch (full batches)
     * @param batch batch size
     * @param workers loader threads
     * @param prefetch batches prepared ahead
     * @param epochSeconds wall time of each timed epoch
     * @param peakRssMiB peak RSS during the section
     */
    public record Result(Path root, int images, int batch, int workers, int prefetch, double[] epochSeconds,
            double peakRssMiB) {

        /** Images per second at the median epoch time. */
        public double imgPerSec() {
            return images / Measure.median(epochSeconds);
        }
    }

    private DataBenchmark() {}

    /**
     * Makes sure a synthetic set is at {@code root}: keeps an existing one (any spec), generates
     * the default spec (10 classes × 64, 64 px) when absent.
     */
    public static void ensureDataset(Path root) {
        Path spec = root.resolve(SyntheticDataset.SPEC_FILE);
        SynthSpec s = Files.isRegularFile(spec) ? SyntheticDataset.readSpec(spec) : SynthSpec.defaults();
        SyntheticDataset.ensure(root, s);
    }

    /**
     * Runs the benchmark.
     *
     * @param root synthetic dataset folder (generated when absent)
     * @param size output side in pixels (64 for vit_tiny_p8_64)
     * @param batch batch size
     * @param workers loader threads (data.num_workers)
     * @param prefetch batches ahead (data.prefetch)
     * @param warmup untimed epochs
     * @param reps timed epochs
     */
    public static Result run(Path root, int size, int batch, int workers, int prefetch, int warmup, int reps) {
        ensureDataset(root);
        ImageFolderDataset train = ImageFolderDataset.open(root, "train");
        int batches = BatchLoader.batchesPerEpoch(train.size(), batch, true);
        if (batches == 0) {
            throw new IllegalArgumentException("the data benchmark needs at least batch=" + batch + " images in "
                    + root.resolve("train") + ", found " + train.size() + "; lower batch= or use a larger set");
        }
        MaeTransform transform = MaeTransform.train(TransformSettings.mae(size));
        Measure.resetPeakRss();
        double[] t = new double[reps];
        for (int e = 0; e < warmup + reps; e++) {
            long t0 = System.nanoTime();
            long checksum = 0;
            try (BatchLoader loader = BatchLoader.builder(train, transform).batchSize(batch).seed(0).epoch(e)
                    .shuffle(true).dropLast(true).numWorkers(workers).prefetch(prefetch).build()) {
                while (loader.hasNext()) {
                    HostBatch b = loader.next();
                    checksum += b.images().length; // touch the result
                }
            }
            if (checksum != (long) batches * batch * 3 * size * size) {
                throw new IllegalStateException("data benchmark: the loader delivered " + checksum + " floats, expected "
                        + (long) batches * batch * 3 * size * size);
            }
            if (e >= warmup) {
                t[e - warmup] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return new Result(root, batches * batch, batch, workers, prefetch, t, Measure.peakRssMiB());
    }
}
