package io.mae4j.bench;

import io.mae4j.analysis.AnalysisBenchmark;
import io.mae4j.analysis.InterrelationAnalyzer;
import io.mae4j.bench.BenchArgs;
import io.mae4j.bench.CacheBenchmark;
import io.mae4j.bench.DataBenchmark;
import io.mae4j.bench.Measure;
import io.mae4j.bench.SiftBenchmark;
import io.mae4j.config.ConfigComposer;
import io.mae4j.model.MaeConfig;
import io.mae4j.bench.MaskCostBenchmark;
import io.mae4j.bench.MemoryBenchmark;
import io.mae4j.run.ModelSettings;
import io.mae4j.bench.TrainBenchmark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sections of {@code bench}: each runs one benchmark, prints one or a few lines and returns its
 * JSON object. Shared: the matmul peak and the vit_tiny_p8_64 training rate (the data section's
 * reference), measured once per process.
 */
public final class BenchSections {

    static final String TINY = "vit_tiny_p8_64";

    private final BenchArgs args;
    private Double matmulPeak;
    private Double tinyTrainImgPerSec;

    public BenchSections(BenchArgs args) {
        this.args = args;
    }

    /** Float matmul peak, measured on first use. */
    double matmulPeak() {
        if (matmulPeak == null) {
            matmulPeak = TrainBenchmark.matmulPeakGflops();
            System.out.printf(Locale.ROOT, "matmul 1024^3 peak: %.1f GFLOP/s%n", matmulPeak);
        }
        return matmulPeak;
    }

    public List<Map<String, Object>> train() {
        String named = args.string("model", TINY);
        List<String[]> runs = args.has("model") ? List.<String[]>of(new String[] {named, named.equals(TINY) ? "64" : "8"})
                : List.of(new String[] {TINY, "64"}, new String[] {"vit_b16", "8"});
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] r : runs) {
            int batch = args.positive("batch", Integer.parseInt(r[1]));
            int reps = args.positive("reps", r[0].equals(TINY) ? 20 : 5);
            boolean fused = args.has("adamw") ? args.string("adamw", "").equals("fused") : defaultFusedAdamw();
            TrainBenchmark.Result res = TrainBenchmark.run(r[0], model(r[0]), batch, args.integer("warmup", 2), reps,
                    fused);
            double peak = matmulPeak();
            if (r[0].equals(TINY)) {
                tinyTrainImgPerSec = res.imgPerSec();
            }
            System.out.printf(Locale.ROOT,
                    "train %-15s batch %3d (AdamW %s): step %s, %.1f img/s, %.1f GFLOP/s (%.0f%% of matmul peak),"
                            + " %.2f GFLOP/img, peak RSS %.0f MiB%n",
                    r[0], batch, fused ? "fused" : "reference", Measure.spread(res.stepSeconds(), 1000, "ms"), res.imgPerSec(), res.gflops(),
                    100 * res.gflops() / peak, res.gflopPerImage(), res.peakRssMiB());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r[0]);
            m.put("batch", batch);
            m.put("adamw", fused ? "fused" : "reference");
            m.put("step_ms", Measure.stats(res.stepSeconds(), 1000));
            m.put("img_per_s", res.imgPerSec());
            m.put("gflop_per_img", res.gflopPerImage());
            m.put("gflops", res.gflops());
            m.put("matmul_peak_gflops", peak);
            m.put("fraction_of_matmul_peak", res.gflops() / peak);
            m.put("peak_rss_mib", res.peakRssMiB());
            out.add(m);
        }
        return out;
    }

    public Map<String, Object> data() {
        int batch = args.positive("batch", 64);
        int workers = args.integer("workers", dataConfigInt("num_workers"));
        DataBenchmark.Result r = DataBenchmark.run(dataRoot(), 64, batch, workers, dataConfigInt("prefetch"),
                args.integer("warmup", 1), args.positive("reps", 10));
        double train = tinyTrainRate();
        System.out.printf(Locale.ROOT, "data %d px, batch %d, %d workers: epoch of %d images %s, %.0f img/s,"
                        + " %.2fx the %s training rate (%.1f img/s; target >= 3x), peak RSS %.0f MiB%n",
                64, batch, workers, r.images(), Measure.spread(r.epochSeconds(), 1000, "ms"), r.imgPerSec(),
                r.imgPerSec() / train, TINY, train, r.peakRssMiB());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", r.root().toString());
        m.put("size", 64);
        m.put("batch", batch);
        m.put("workers", workers);
        m.put("prefetch", r.prefetch());
        m.put("images_per_epoch", r.images());
        m.put("epoch_ms", Measure.stats(r.epochSeconds(), 1000));
        m.put("img_per_s", r.imgPerSec());
        m.put("train_img_per_s", train);
        m.put("ratio_to_train", r.imgPerSec() / train);
        m.put("peak_rss_mib", r.peakRssMiB());
        return m;
    }

    public Map<String, Object> sift() {
        int images = args.positive("images", 200);
        SiftBenchmark.Result r = SiftBenchmark.run(images, 160, 16, args.integer("warmup", 1), args.positive("reps", 5));
        System.out.printf(Locale.ROOT, "sift 160 px, %d images, 1 thread: %s per pass, %.0f img/s, %.0f keypoints and"
                        + " %.0f keypoint patches (of 100) per image, peak RSS %.0f MiB%n", images,
                Measure.spread(r.repSeconds(), 1000, "ms"), r.imgPerSec(), r.meanKeypoints(), r.meanKeypointPatches(),
                r.peakRssMiB());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", 160);
        m.put("patch", 16);
        m.put("images", images);
        m.put("threads", 1);
        m.put("pass_ms", Measure.stats(r.repSeconds(), 1000));
        m.put("img_per_s", r.imgPerSec());
        m.put("keypoints_per_img", r.meanKeypoints());
        m.put("keypoint_patches_per_img", r.meanKeypointPatches());
        m.put("peak_rss_mib", r.peakRssMiB());
        return m;
    }

    public Map<String, Object> cache() {
        int images = args.positive("images", 200);
        int workers = args.positive("workers", Runtime.getRuntime().availableProcessors());
        CacheBenchmark.Result r = CacheBenchmark.run(images, 160, workers, args.integer("warmup", 1),
                args.positive("reps", 5));
        System.out.printf(Locale.ROOT, "cache build sift-only 160 px, %d images, %d workers: %s per build, %.0f img/s"
                        + " (target >= 50), peak RSS %.0f MiB%n", r.images(), workers,
                Measure.spread(r.buildSeconds(), 1000, "ms"), r.imgPerSec(), r.peakRssMiB());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scorer", "sift-only");
        m.put("size", 160);
        m.put("images", r.images());
        m.put("workers", workers);
        m.put("build_ms", Measure.stats(r.buildSeconds(), 1000));
        m.put("img_per_s", r.imgPerSec());
        m.put("peak_rss_mib", r.peakRssMiB());
        return m;
    }

    public Map<String, Object> mask() {
        String name = args.string("model", TINY);
        int batch = args.positive("batch", 64);
        MaskCostBenchmark.Result r = MaskCostBenchmark.run(model(name), batch, args.integer("warmup", 2),
                args.positive("reps", 16));
        System.out.printf(Locale.ROOT, "mask %s batch %d: construction random %s, guided %s (%.2f%% of the step);"
                        + " step random %s, guided %s, guided/random %.3f (paired %.3f; target <= 1.03),"
                        + " peak RSS %.0f MiB%n", name, batch, Measure.spread(r.randomMask(), 1000, "ms"),
                Measure.spread(r.guidedMask(), 1000, "ms"), 100 * r.maskCostFraction(),
                Measure.spread(r.randomStep(), 1000, "ms"), Measure.spread(r.guidedStep(), 1000, "ms"), r.stepRatio(),
                r.pairedStepRatio(), r.peakRssMiB());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", name);
        m.put("batch", batch);
        m.put("random_mask_ms", Measure.stats(r.randomMask(), 1000));
        m.put("guided_mask_ms", Measure.stats(r.guidedMask(), 1000));
        m.put("guided_mask_extra_fraction_of_step", r.maskCostFraction());
        m.put("random_step_ms", Measure.stats(r.randomStep(), 1000));
        m.put("guided_step_ms", Measure.stats(r.guidedStep(), 1000));
        m.put("step_ratio", r.stepRatio());
        m.put("paired_step_ratio", r.pairedStepRatio());
        m.put("random_img_per_s", batch / Measure.median(r.randomStep()));
        m.put("guided_img_per_s", batch / Measure.median(r.guidedStep()));
        m.put("peak_rss_mib", r.peakRssMiB());
        return m;
    }

    public Map<String, Object> analysis() {
        String name = args.what().equals("analysis") ? args.string("model", "vit_b16") : "vit_b16";
        int images = args.positive("images", 32);
        Measure.resetPeakRss();
        AnalysisBenchmark.Result r = AnalysisBenchmark.run(model(name), images, args.positive("batch", 8),
                args.positive("reps", 3), InterrelationAnalyzer.CHUNK_VALUES);
        double peakRss = Measure.peakRssMiB();
        System.out.println("analysis " + name + ", " + images + " images:");
        System.out.println("  " + r.forward().line());
        System.out.println("  " + r.forwardCapture().line());
        System.out.println("  " + r.analysis().line());
        System.out.printf(Locale.ROOT, "  analysis overhead beyond the forward: %.1f%% (CPU %.1f%%), %.2f img/s with"
                + " analysis, peak RSS %.0f MiB%n", 100 * r.overhead(), 100 * r.cpuOverhead(),
                images / r.analysis().median(), peakRss);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", name);
        m.put("images", images);
        m.put("forward_s", Measure.stats(r.forward().seconds(), 1));
        m.put("forward_capture_s", Measure.stats(r.forwardCapture().seconds(), 1));
        m.put("forward_analysis_s", Measure.stats(r.analysis().seconds(), 1));
        m.put("forward_img_per_s", images / r.forward().median());
        m.put("analysis_img_per_s", images / r.analysis().median());
        m.put("overhead_fraction", r.overhead());
        m.put("peak_rss_mib", peakRss);
        return m;
    }

    public Map<String, Object> memory() {
        String name = args.string("model", TINY);
        int steps = args.positive("steps", 1000);
        int every = args.positive("every", Math.max(1, steps / 100));
        int batch = args.positive("batch", 64);
        int workers = args.integer("workers", dataConfigInt("num_workers"));
        MemoryBenchmark.Result r = MemoryBenchmark.run(model(name), dataRoot(), batch, steps, every, workers);
        System.out.printf(Locale.ROOT, "memory %s batch %d, %d steps with data loading (%d workers): step %s,"
                        + " %.1f img/s; RSS first %.0f, last %.0f, max %.0f MiB; plateau %.0f -> end %.0f MiB:"
                        + " growth %.2f%% (target < 5%%)%n", name, batch, steps, workers,
                Measure.spread(r.stepSeconds(), 1000, "ms"), r.imgPerSec(), r.series().first(), r.series().last(),
                r.series().max(), r.series().plateau(), r.series().end(), r.series().growthPercent());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", name);
        m.put("batch", batch);
        m.put("steps", steps);
        m.put("every", every);
        m.put("workers", workers);
        m.put("step_ms", Measure.stats(r.stepSeconds(), 1000));
        m.put("img_per_s", r.imgPerSec());
        m.putAll(r.series().toJson());
        m.put("peak_rss_mib", r.peakRssMiB());
        return m;
    }

    /** The vit_tiny_p8_64 training rate of this run (measured now, briefly, when train did not run). */
    private double tinyTrainRate() {
        if (tinyTrainImgPerSec == null) {
            tinyTrainImgPerSec = TrainBenchmark.run(TINY, model(TINY), args.positive("batch", 64), 2, 5, defaultFusedAdamw()).imgPerSec();
        }
        return tinyTrainImgPerSec;
    }

    private Path dataRoot() {
        return Path.of(args.string("root", ConfigComposer.locate().compose(List.of()).config().getString("data.root")));
    }

    private static int dataConfigInt(String key) {
        return ConfigComposer.locate().compose(List.of()).config().getInt("data." + key);
    }

    /** {@code train.fused_adamw} of the default config: the AdamW kernel a training run uses. */
    static boolean defaultFusedAdamw() {
        return ConfigComposer.locate().compose(List.of()).config().getBoolean("train.fused_adamw");
    }

    static MaeConfig model(String name) {
        return ModelSettings.from(ConfigComposer.locate().compose(List.of("model=" + name)).config().getConfig("model"));
    }
}
