package io.mae4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mae4j.bench.Flops;
import io.mae4j.bench.Measure;
import io.mae4j.data.CropGeometry;
import io.mae4j.data.HostBatch;
import io.mae4j.mask.MaskResults;
import io.mae4j.mask.RandomMaskStrategy;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

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

    /** Runs the benchmark with MAE's recipe (AdamW 0.9/0.95, wd 0.05, mask ratio 0.75). */
    public static Result run(String name, MaeConfig cfg, int batch, int warmup, int reps) {
        double ratio = 0.75;
        TrainSettings ts = new TrainSettings(1, batch, 1, 1.5e-4, 1e-4, 0, 0.05, 0, 0, 0.9, 0.95, 1, 1, 0);
        int lenKeep = MaskResults.lenKeep(cfg.numPatches(), ratio);
        HostBatch batchData = fixedBatch(cfg, batch);
        double[] times = new double[reps];
        try (NDManager root = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            MaeModel model = new MaeModel(cfg);
            model.initialize(root);
            List<ParamEntry> entries = ParamEntry.all(model.officialParameters());
            try (AdamW opt = new AdamW(entries, ts.weightDecay(), ts.beta1(), ts.beta2(), AdamW.DEFAULT_EPS)) {
                EpochRunner runner = new EpochRunner(model, opt, new RandomMaskStrategy(ratio), ts, 0, root);
                int total = warmup + reps;
                long[] last = {System.nanoTime()};
                int[] seen = {0};
                runner.run(0, repeat(batchData, total), total, 0, 0, stats -> {
                    long now = System.nanoTime();
                    if (seen[0] >= warmup) {
                        times[seen[0] - warmup] = (now - last[0]) / 1e9;
                    }
                    seen[0]++;
                    last[0] = now;
                });
            }
        }
        return new Result(name, batch, times, Flops.maeTrain(cfg, lenKeep) / 1e9, Measure.peakRssMiB());
    }

    private static HostBatch fixedBatch(MaeConfig cfg, int b) {
        int side = cfg.imgSize();
        float[] pixels = new float[b * cfg.inChans() * side * side];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        int[] zeros = new int[b];
        List<CropGeometry> geoms = Collections.nCopies(b, CropGeometry.whole(side, side, side, side));
        List<Path> paths = Collections.nCopies(b, Path.of("fixed"));
        return new HostBatch(pixels, zeros, zeros, geoms, paths);
    }

    private static Iterator<HostBatch> repeat(HostBatch b, int n) {
        return Collections.nCopies(n, b).iterator();
    }

    /** Float matmul peak (GFLOP/s) of this engine: a 1024³ product, median of 10 after warm-up. */
    public static double matmulPeakGflops() {
        int n = 1024;
        double[] t = new double[10];
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray c = m.randomUniform(-1, 1, new Shape(n, n));
            for (int i = 0; i < 3; i++) {
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
