package io.mae4j.app;

import ai.djl.Device;
import com.typesafe.config.Config;
import io.mae4j.cache.BuildProgress;
import io.mae4j.cache.BuildResult;
import io.mae4j.cache.CacheBuilder;
import io.mae4j.cache.CacheSettings;
import io.mae4j.cache.ModelScorer;
import io.mae4j.cache.Scorer;
import io.mae4j.cache.SiftDensityScorer;
import io.mae4j.config.ConfigComposer;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.SyntheticDataset;
import io.mae4j.run.ModelSource;
import io.mae4j.util.EngineSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The builds {@code cache build} runs: with the {@code sift-only} scorer from a composed config, or
 * with a model (run folder, .ckpt or weights file) as scorer. Both resume a partial file.
 */
public final class CacheBuildJob {

    private CacheBuildJob() {}

    /**
     * Builds (or resumes) the cache that {@code cache build} arguments ask for, choosing the scorer by
     * {@code cache.scorer}: {@code sift-only}, {@code bootstrap} (pre-train a scorer first, see
     * {@link BootstrapScorerJob}) or a model (run folder, .ckpt or weights file).
     *
     * @param args expanded {@code key=value} / {@code group=choice} arguments
     * @param command the command line recorded in the header as the rebuild hint
     * @param out where the bootstrap recipe reports its steps
     */
    public static BuildResult build(List<String> args, String command, BuildProgress progress, PrintStream out)
            throws IOException {
        Config c = ConfigComposer.locate().compose(args).config();
        CacheSettings s = CacheSettings.from(c);
        if (SiftDensityScorer.NAME.equals(s.scorer())) {
            return siftOnly(c, command, progress);
        }
        if (BootstrapScorerJob.SCORER.equals(s.scorer())) {
            return BootstrapScorerJob.build(args, command, progress, out).cache();
        }
        // a model scorer: its run's config (or model=... for weights) with the other arguments
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("cache.scorer=")) {
                rest.add(a);
            }
        }
        return withModel(Path.of(s.scorer()), rest, command, progress);
    }

    /** The cache file a config designates: {@code cache.path}, else the default under {@code data.root}. */
    public static Path file(Config c, CacheSettings s, Scorer scorer) {
        return s.path().isEmpty() ? CacheBuilder.defaultFile(Path.of(c.getString("data.root")), s.split(), scorer, s)
                : Path.of(s.path());
    }

    /**
     * Builds (or resumes) the cache of {@code cache.split} with the {@code sift-only} scorer.
     *
     * @param c the composed config
     * @param command the command line recorded in the header as the rebuild hint
     */
    public static BuildResult siftOnly(Config c, String command, BuildProgress progress) throws IOException {
        if (!Files.exists(Path.of(c.getString("data.root")))) {
            SyntheticDataset.ensureFor(c.getConfig("data")); // a synthetic set is generated on first use, as by train
        }
        return build(c, CacheSettings.from(c), new SiftDensityScorer(), command, progress);
    }

    /**
     * Builds (or resumes) the cache with a model as scorer: θ̄ from its attention (see {@link ModelScorer}),
     * on the model's patch grid. The config is the run's saved one (or, for a weights file, composed
     * from configs/) plus {@code args}.
     *
     * @param source run folder, .ckpt inside a run, or weights file
     * @param args {@code key=value} arguments ({@code group=choice} only with a weights file)
     * @param command the command line recorded in the header as the rebuild hint
     */
    public static BuildResult withModel(Path source, List<String> args, String command, BuildProgress progress)
            throws IOException {
        ModelSource src = ModelSource.resolve(source, args);
        Config mc = src.config();
        Device device = EngineSetup.start(mc);
        try (ModelScorer scorer = ModelScorer.open(src, device)) {
            CacheSettings ms = CacheSettings.from(mc);
            ms = new CacheSettings(ms.path(), ms.split(), source.toString(), scorer.gridSize(), ms.workers(),
                    ms.commitEvery(), ms.sift(), ms.siftSide());
            return build(mc, ms, scorer, command, progress);
        }
    }

    private static BuildResult build(Config c, CacheSettings s, Scorer scorer, String command, BuildProgress progress)
            throws IOException {
        ImageFolderDataset ds = ImageFolderDataset.open(Path.of(c.getString("data.root")), s.split());
        return new CacheBuilder(ds, scorer, s).build(file(c, s, scorer), command, progress);
    }
}
