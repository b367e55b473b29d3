package io.mae4j.cli;

import com.google.gson.GsonBuilder;
import io.mae4j.analysis.AnalysisBenchmark;
import io.mae4j.bench.Measure;
import io.mae4j.config.ConfigComposer;
import io.mae4j.model.MaeConfig;
import io.mae4j.train.ModelSettings;
import io.mae4j.train.TrainBenchmark;
import io.mae4j.util.EngineSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bench what=train|analysis|all [model=NAME] [batch=B] [warmup=W] [reps=R] [images=N]
 * [json=FILE]}: fixed-batch timings printed as text and JSON. With {@code what=all} (or no model
 * given) the training step runs on {@code vit_tiny_p8_64} at batch 64 and {@code vit_b16} at batch
 * 8, the protocol of the reference figures; the analysis on {@code vit_b16}, 32 images.
 * Run it alone on the machine: other heavy processes ruin the numbers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the training step and the analysis (median and spread, img/s, GFLOP/s, peak RSS).")
public class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "KEY=VALUE",
            description = "what=train|analysis|all, model=<configs/model option>, batch, warmup, reps, images, threads, json")
    List<String> args = new ArrayList<>();

    /** The JSON-ready results of the last call (for tests). */
    final Map<String, Object> results = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bench arguments are key=value, got '" + a + "'");
            }
            kv.put(a.substring(0, eq), a.substring(eq + 1));
        }
        List<String> known = List.of("what", "model", "batch", "warmup", "reps", "images", "threads", "json");
        for (String k : kv.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown bench key '" + k + "'; use one of " + known);
            }
        }
        String what = kv.getOrDefault("what", "all");
        if (!List.of("train", "analysis", "all").contains(what)) {
            throw new IllegalArgumentException("bench what=" + what + " is not one of train, analysis, all");
        }
        EngineSetup.start(Integer.parseInt(kv.getOrDefault("threads", "2")), 1);
        int reps = Integer.parseInt(kv.getOrDefault("reps", "0"));
        int warmup = Integer.parseInt(kv.getOrDefault("warmup", "2"));
        if (what.equals("train") || what.equals("all")) {
            double peak = TrainBenchmark.matmulPeakGflops();
            System.out.printf(Locale.ROOT, "matmul 1024^3 peak: %.1f GFLOP/s%n", peak);
            results.put("matmul_peak_gflops", peak);
            List<String[]> runs = kv.containsKey("model")
                    ? List.<String[]>of(new String[] {kv.get("model"), kv.getOrDefault("batch", "8")})
                    : List.of(new String[] {"vit_tiny_p8_64", "64"}, new String[] {"vit_b16", "8"});
            List<Map<String, Object>> train = new ArrayList<>();
            for (String[] r : runs) {
                int batch = Integer.parseInt(kv.getOrDefault("batch", r[1]));
                int n = reps > 0 ? reps : r[0].equals("vit_tiny_p8_64") ? 20 : 5;
                TrainBenchmark.Result res = TrainBenchmark.run(r[0], model(r[0]), batch, warmup, n);
                System.out.printf(Locale.ROOT,
                        "train %-15s batch %3d: step %s, %.1f img/s, %.1f GFLOP/s (%.0f%% of matmul peak),"
                                + " %.1f GFLOP/img, peak RSS %.0f MiB%n",
                        r[0], batch, Measure.spread(res.stepSeconds(), 1000, "ms"), res.imgPerSec(), res.gflops(),
                        100 * res.gflops() / peak, res.gflopPerImage(), res.peakRssMiB());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", r[0]);
                m.put("batch", batch);
                m.put("step_ms_median", 1000 * Measure.median(res.stepSeconds()));
                m.put("step_ms_min", 1000 * Measure.min(res.stepSeconds()));
                m.put("step_ms_max", 1000 * Measure.max(res.stepSeconds()));
                m.put("img_per_s", res.imgPerSec());
                m.put("gflop_per_img", res.gflopPerImage());
                m.put("gflops", res.gflops());
                m.put("fraction_of_matmul_peak", res.gflops() / peak);
                m.put("peak_rss_mib", res.peakRssMiB());
                train.add(m);
            }
            results.put("train", train);
        }
        if (what.equals("analysis") || what.equals("all")) {
            String name = what.equals("analysis") ? kv.getOrDefault("model", "vit_b16") : "vit_b16";
            int images = Integer.parseInt(kv.getOrDefault("images", "32"));
            AnalysisBenchmark.Result r = AnalysisBenchmark.run(model(name), images, 8, reps > 0 ? reps : 3,
                    io.mae4j.analysis.InterrelationAnalyzer.CHUNK_VALUES);
            System.out.println("analysis " + name + ", " + images + " images:");
            System.out.println("  " + r.forward().line());
            System.out.println("  " + r.forwardCapture().line());
            System.out.println("  " + r.analysis().line());
            System.out.printf(Locale.ROOT, "  analysis overhead beyond the forward: %.1f%% (CPU %.1f%%)%n",
                    100 * r.overhead(), 100 * r.cpuOverhead());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", name);
            m.put("images", images);
            m.put("forward_s_median", r.forward().median());
            m.put("forward_capture_s_median", r.forwardCapture().median());
            m.put("forward_analysis_s_median", r.analysis().median());
            m.put("overhead_fraction", r.overhead());
            results.put("analysis", m);
        }
        results.put("peak_rss_mib", Measure.peakRssMiB());
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(results);
        if (kv.containsKey("json")) {
            Files.writeString(Path.of(kv.get("json")), json);
        }
        System.out.println(json);
        return 0;
    }

    private static MaeConfig model(String name) {
        return ModelSettings.from(ConfigComposer.locate().compose(List.of("model=" + name)).config().getConfig("model"));
    }
}
