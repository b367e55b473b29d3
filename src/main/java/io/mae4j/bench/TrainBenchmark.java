package io.mae4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mae4j.bench.Flops;
import io.mae4j.bench.Measure;
import io.mae4j.data.HostBatch;
import io.mae4j.mask.MaskResults;
import io.mae4j.mask.RandomMaskStrategy;
import io.mae4j.model.MaeConfig;
import io.mae4j.train.EpochRunner;

/**
 * The training step on one fixed batch (no data loading), the protocol of the official figures:
 * the real {@link EpochRunner} step (host→native copy, random mask, forward, backward, AdamW),
 * {@code warmup} untimed iterations, then {@code reps} timed ones.
 */
public final class TrainBenchmark {

    /**
     * Results.
     *
     * @param model model preset name
     * @param batch images per step
     * @param stepSeconds wall time of each timed step
     * @param gflopPerImage matmul work of one training image
     * @param peakRssMiB process peak RSS after the run
     */
    public record Result(String model, int batch, double[] stepSeconds, double gflopPerImage, double peakRssMiB) {

        /** Images per second at the median step time. */
        public double imgPerSec() {
            return batch / Measure.median(stepSeconds);
        }

        /** Achieved matmul GFLOP/s at the median step time. */
        public double gflops() {
            return imgPerSec() * gflopPerImage;
        }
    }

    private TrainBenchmark() {}

    /**
     * Runs the benchmark with MAE's recipe (AdamW 0.9/0.95, wd 0.05, mask ratio 0.75).
     *
     * @param fusedAdamw the fused AdamW kernel ({@code true}) or the op-by-op update
     */
    public static Result run(String name, MaeConfig cfg, int batch, int warmup, int reps, boolean fusedAdamw) {
        double ratio = 0.75;
        int lenKeep = MaskResults.lenKeep(cfg.numPatches(), ratio);
        HostBatch batchData = BenchHarness.fixedBatch(cfg, batch, null);
        double[] times = new double[reps];
        Measure.resetPeakRss();
        try (BenchHarness h = new BenchHarness(cfg, batch, fusedAdamw)) {
            EpochRunner runner = h.runner(new RandomMaskStrategy(ratio));
            for (int i = 0; i < warmup + reps; i++) {
                double s = h.step(runner, batchData);
                if (i >= warmup) {
                    times[i - warmup] = s;
                }
            }
        }
        return new Result(name, batch, times, Flops.maeTrain(cfg, lenKeep) / 1e9, Measure.peakRssMiB());
    }

    /**
     * Float matmul peak (GFLOP/s) of this engine: a 1024³ product, warmed up for at least a second
     * (thread pools, caches, CPU clock: the first products of a process run slower), then the median
     * of 20.
     */
    public static double matmulPeakGflops() {
        int n = 1024;
        double[] t = new double[20];
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray c = m.randomUniform(-1, 1, new Shape(n, n));
            long warm = System.nanoTime();
            for (int i = 0; i < 5 || System.nanoTime() - warm < 1_000_000_000L; i++) {
                a.matMul(c).close();
            }
            for (int i = 0; i < t.length; i++) {
                long s = System.nanoTime();
                NDArray r = a.matMul(c);
                r.getFloat(0, 0); // force completion
                t[i] = (System.nanoTime() - s) / 1e9;
                r.close();
            }
        }
        return 2.0 * n * n * n / Measure.median(t) / 1e9;
    }
}
