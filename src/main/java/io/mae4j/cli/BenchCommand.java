package io.mae4j.cli;

import com.google.gson.GsonBuilder;
import io.mae4j.bench.BenchArgs;
import io.mae4j.bench.Measure;
import io.mae4j.util.EngineSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import io.mae4j.bench.BenchSections;

/**
 * {@code bench what=train|data|sift|cache|mask|analysis|memory|all [model=NAME] [batch=B]
 * [warmup=W] [reps=R] [images=N] [threads=T] [steps=S] [every=K] [workers=W] [root=DIR]
 * [json=FILE]}: timings (median and spread over repetitions after warm-up, img/s, peak RSS; GFLOP/s
 * and fraction of the matmul peak for training) printed as text and written as JSON to {@code
 * json=FILE}, by default {@code runs/bench/bench-<what>-<time>.json}. {@code all} runs every section
 * but {@code memory} (1000 steps: ask for it by name). Run it alone on the machine: other heavy
 * processes ruin the numbers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark training, data loading, SIFT, cache build, mask cost, analysis and memory"
                + " (median and spread, img/s, GFLOP/s, peak RSS; JSON output).")
public class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "KEY=VALUE",
            description = "what=train|data|sift|cache|mask|analysis|memory|all, model=<configs/model option>, batch,"
                    + " warmup, reps, images, threads, steps, every, workers, root=<synthetic set>, json=<file>")
    List<String> args = new ArrayList<>();

    /** The JSON-ready results of the last call (for tests). */
    final Map<String, Object> results = new LinkedHashMap<>();

    /** Where the JSON went. */
    Path jsonFile;

    @Override
    public Integer call() throws Exception {
        BenchArgs a = BenchArgs.parse(args);
        int threads = a.positive("threads", 2);
        EngineSetup.start(threads, 1);
        results.put("environment", environment(threads));
        BenchSections s = new BenchSections(a);
        if (a.runs("train")) {
            results.put("train", s.train());
        }
        if (a.runs("data")) {
            results.put("data", s.data());
        }
        if (a.runs("sift")) {
            results.put("sift", s.sift());
        }
        if (a.runs("cache")) {
            results.put("cache", s.cache());
        }
        if (a.runs("mask")) {
            results.put("mask", s.mask());
        }
        if (a.runs("analysis")) {
            results.put("analysis", s.analysis());
        }
        if (a.runs("memory")) {
            results.put("memory", s.memory());
        }
        results.put("peak_rss_mib", Measure.peakRssMiB());
        String json = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                .toJson(results);
        jsonFile = Path.of(a.string("json", "runs/bench/bench-" + a.what() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json"));
        if (jsonFile.toAbsolutePath().getParent() != null) {
            Files.createDirectories(jsonFile.toAbsolutePath().getParent());
        }
        Files.writeString(jsonFile, json);
        System.out.println("JSON written to " + jsonFile);
        return 0;
    }

    private static Map<String, Object> environment(int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", threads);
        m.put("interop_threads", 1);
        m.put("available_processors", Runtime.getRuntime().availableProcessors());
        m.put("omp_wait_policy", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        m.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        m.put("java", System.getProperty("java.version"));
        m.put("time", LocalDateTime.now().toString());
        return m;
    }
}
