package io.mae4j.bench;

import io.mae4j.cache.BuildProgress;
import io.mae4j.cache.BuildResult;
import io.mae4j.cache.CacheBuilder;
import io.mae4j.cache.CacheSettings;
import io.mae4j.cache.Scorers;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import io.mae4j.sift.SiftSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code cache build} with the {@code sift-only} scorer, end to end (PNG decode, SIFT, θ̄ from
 * keypoint density, SQLite writes), on a synthetic set of {@code size}-px images generated in a
 * temporary folder that is deleted afterwards. Each repetition builds a fresh cache file; the rate
 * is the builder's own images/s. Target: ≥ 50 images/s at 160 px.
 */
public final class CacheBenchmark {

    /**
     * Results.
     *
     * @param images images per build
     * @param size image side
     * @param workers decode + SIFT threads
     * @param buildSeconds wall time of each timed build
     * @param peakRssMiB peak RSS during the section
     */
    public record Result(int images, int size, int workers, double[] buildSeconds, double peakRssMiB) {

        /** Images per second at the median build. */
        public double imgPerSec() {
            return images / Measure.median(buildSeconds);
        }
    }

    private CacheBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param images training images to generate (rounded up to a multiple of 10 classes)
     * @param size side in pixels (160)
     * @param workers cache.workers
     * @param warmup untimed builds
     * @param reps timed builds
     */
    public static Result run(int images, int size, int workers, int warmup, int reps) {
        int perClass = Math.max(1, (images + 9) / 10);
        Path tmp;
        try {
            tmp = Files.createTempDirectory("mae4j-bench-cache");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the cache benchmark", e);
        }
        try {
            Path root = tmp.resolve("synthetic");
            SyntheticDataset.ensure(root, new SynthSpec(10, perClass, 1, size, false, 0));
            ImageFolderDataset train = ImageFolderDataset.open(root, "train");
            CacheSettings settings = new CacheSettings("", "train", "sift-only", 14, workers, 256,
                    SiftSettings.OPENCV_DEFAULTS, size);
            Measure.resetPeakRss();
            double[] t = new double[reps];
            for (int r = 0; r < warmup + reps; r++) {
                Path file = tmp.resolve("cache-" + r + ".sqlite");
                BuildResult res = new CacheBuilder(train, Scorers.resolve("sift-only"), settings)
                        .build(file, "bench", BuildProgress.silent());
                if (res.written() != train.size()) {
                    throw new IllegalStateException("cache benchmark: " + res.summary() + "; expected "
                            + train.size() + " images written");
                }
                if (r >= warmup) {
                    t[r - warmup] = train.size() / res.imagesPerSecond();
                }
            }
            return new Result(train.size(), size, workers, t, Measure.peakRssMiB());
        } catch (IOException e) {
            throw new UncheckedIOException("cache benchmark failed in " + tmp, e);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
