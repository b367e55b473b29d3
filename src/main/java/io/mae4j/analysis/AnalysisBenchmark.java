package io.mae4j.analysis;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.typesafe.config.Config;
import io.mae4j.config.ConfigComposer;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.TransformSettings;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.util.EngineSetup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the analysis against the forward pass it needs: for a random-init model and generated
 * probe images (smooth noise with bright discs, so SIFT finds keypoints), the median and range over
 * repetitions of (1) the encoder forward alone, (2) the forward with attention capture, (3) {@link
 * InterrelationAnalyzer#analyze} (forward with capture + all measures + statistics). SIFT runs once,
 * outside the timings, as in training (the probe set is built once).
 *
 * <p>{@code java -cp ... io.mae4j.analysis.AnalysisBenchmark [model=vit_b16] [images=32] [batch=8]
 * [reps=3] [threads=2] [chunk=VALUES]}; model = any configs/model/ option.
 *
 * <p>Measured on the project's 2-core machine, quiet, {@code OMP_WAIT_POLICY=PASSIVE}, vit_b16, 32
 * images, batch 8, 3 repetitions: forward 7.97 s (7.64–8.37), forward with capture 7.19 s
 * (7.11–7.30), forward + analysis 8.15 s (7.74–9.10): the analysis adds about 1 s (2–13 % of the
 * forward, depending on which baseline) — the reductions themselves are ≈ 20 ms per layer and
 * batch of 8.
 */
public final class AnalysisBenchmark {

    private AnalysisBenchmark() {}

    /**
     * Median and range of repeated timings.
     *
     * @param what label
     * @param seconds wall time, one value per repetition
     * @param cpuSeconds CPU time of the whole process (all threads) for the same repetitions: the
     *     work done, less sensitive than wall time to other processes on a shared machine
     */
    public record Timing(String what, double[] seconds, double[] cpuSeconds) {

        /** The median. */
        public double median() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        /** The median CPU time. */
        public double cpuMedian() {
            return new Timing(what, cpuSeconds, cpuSeconds).median();
        }

        /** One printable line. */
        public String line() {
            return String.format(Locale.ROOT, "%-30s wall median %7.3f s (min %7.3f, max %7.3f, n=%d); cpu median %7.3f s",
                    what, median(), Arrays.stream(seconds).min().orElse(0), Arrays.stream(seconds).max().orElse(0),
                    seconds.length, cpuMedian());
        }
    }

    /** The three timings; overhead = (analysis − forward) / forward, on medians. */
    public record Result(Timing forward, Timing forwardCapture, Timing analysis) {

        /** Extra wall time of the analysis over the plain forward, as a fraction of the forward. */
        public double overhead() {
            return (analysis.median() - forward.median()) / forward.median();
        }

        /** The same on CPU time. */
        public double cpuOverhead() {
            return (analysis.cpuMedian() - forward.cpuMedian()) / forward.cpuMedian();
        }
    }

    /** Runs the benchmark (one untimed warm-up, then {@code reps} timed repetitions of each part). */
    public static Result run(MaeConfig cfg, int images, int batch, int reps, long chunkValues) {
        AnalysisSettings d = AnalysisSettings.defaults();
        AnalysisSettings s = new AnalysisSettings(d.gamma(), d.includeSelf(), d.clsHandling(), d.weighted(),
                new int[0], d.trendDegree(), d.stageMinLayers(), d.sift(), images, 1, batch);
        ProbeSet probes = ProbeSet.fromImages(generated(images, cfg.imgSize()), names(images), cfg.imgSize(),
                cfg.patchSize(), TransformSettings.IMAGENET_MEAN, TransformSettings.IMAGENET_STD, s.sift());
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            MaeModel model = new MaeModel(cfg);
            model.initialize(manager);
            InterrelationAnalyzer analyzer = new InterrelationAnalyzer(s).chunkValues(chunkValues);
            ParameterStore ps = new ParameterStore(manager, false);
            forward(model, probes, batch, false, ps, manager); // warm-up
            analyzer.analyze(model, probes, manager);
            double[][] wall = new double[3][reps];
            double[][] cpu = new double[3][reps];
            for (int r = 0; r < reps; r++) { // interleaved, so slow drifts hit all three alike
                for (int k = 0; k < 3; k++) {
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    switch (k) {
                        case 0 -> forward(model, probes, batch, false, ps, manager);
                        case 1 -> forward(model, probes, batch, true, ps, manager);
                        default -> analyzer.analyze(model, probes, manager);
                    }
                    wall[k][r] = (System.nanoTime() - t0) / 1e9;
                    cpu[k][r] = (cpuNanos() - c0) / 1e9;
                }
            }
            return new Result(new Timing("forward", wall[0], cpu[0]),
                    new Timing("forward + attention capture", wall[1], cpu[1]),
                    new Timing("forward + analysis (analyze)", wall[2], cpu[2]));
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double forward(MaeModel model, ProbeSet probes, int batch, boolean capture, ParameterStore ps,
            NDManager manager) {
        long t0 = System.nanoTime();
        for (int start = 0; start < probes.size(); start += batch) {
            int b = Math.min(batch, probes.size() - start);
            try (NDManager step = manager.newSubManager()) {
                NDArray imgs = probes.batch(step, start, b); // (B, 3, H, W)
                model.encode(ps, imgs, capture).tokens().get(0).toFloatArray(); // waits for the result
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Smooth random backgrounds with a few bright and dark discs. */
    static List<DecodedImage> generated(int n, int side) {
        SplittableRandom rng = new SplittableRandom(42);
        List<DecodedImage> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            byte[] rgb = new byte[side * side * 3];
            double fx = rng.nextDouble(0.02, 0.08);
            double fy = rng.nextDouble(0.02, 0.08);
            double[][] discs = new double[8][];
            for (int d = 0; d < discs.length; d++) {
                discs[d] = new double[] {rng.nextDouble(side), rng.nextDouble(side), rng.nextDouble(3, side / 8.0),
                    rng.nextBoolean() ? 90 : -90};
            }
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double v = 128 + 40 * Math.sin(fx * x) * Math.cos(fy * y);
                    for (double[] d : discs) {
                        if (Math.hypot(x - d[0], y - d[1]) < d[2]) {
                            v += d[3];
                        }
                    }
                    int g = (int) Math.max(0, Math.min(255, v));
                    for (int c = 0; c < 3; c++) {
                        rgb[(y * side + x) * 3 + c] = (byte) Math.max(0, Math.min(255, g + (c - 1) * 20));
                    }
                }
            }
            out.add(new DecodedImage(side, side, rgb));
        }
        return out;
    }

    private static List<String> names(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("gen" + i);
        }
        return out;
    }

    /** Command-line entry point; prints the timings and the overhead. */
    public static void main(String[] args) {
        String model = "vit_b16";
        int images = 32;
        int batch = 8;
        int reps = 3;
        int threads = 2;
        long chunk = InterrelationAnalyzer.CHUNK_VALUES;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "model" -> model = kv[1];
                case "images" -> images = Integer.parseInt(kv[1]);
                case "batch" -> batch = Integer.parseInt(kv[1]);
                case "reps" -> reps = Integer.parseInt(kv[1]);
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "chunk" -> chunk = Long.parseLong(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument '" + a
                        + "'; use model=, images=, batch=, reps=, threads=, chunk=");
            }
        }
        Config m = ConfigComposer.locate().compose(List.of("model=" + model)).config().getConfig("model");
        MaeConfig cfg = new MaeConfig(m.getInt("img_size"), m.getInt("patch_size"), m.getInt("in_chans"),
                m.getInt("embed_dim"), m.getInt("depth"), m.getInt("num_heads"), m.getDouble("mlp_ratio"),
                m.getInt("decoder_embed_dim"), m.getInt("decoder_depth"), m.getInt("decoder_num_heads"), false);
        EngineSetup.start(threads, 1);
        Result r = run(cfg, images, batch, reps, chunk);
        System.out.printf(Locale.ROOT, "analysis benchmark: %s, %d images of %d px, batch %d, %d threads, chunk %d%n",
                model, images, cfg.imgSize(), batch, threads, chunk);
        System.out.println(r.forward().line());
        System.out.println(r.forwardCapture().line());
        System.out.println(r.analysis().line());
        System.out.printf(Locale.ROOT, "analysis overhead beyond the forward: %.1f %% of the forward (wall), %.1f %%"
                + " (cpu)%n", 100 * r.overhead(), 100 * r.cpuOverhead());
    }
}
