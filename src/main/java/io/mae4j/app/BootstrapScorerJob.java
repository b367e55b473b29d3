package io.mae4j.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mae4j.cache.BuildProgress;
import io.mae4j.cache.BuildResult;
import io.mae4j.app.CacheBuildJob;
import io.mae4j.config.ComposedConfig;
import io.mae4j.config.ConfigComposer;
import io.mae4j.run.CheckpointMeta;
import io.mae4j.run.Checkpoints;
import io.mae4j.train.Pretrainer;
import io.mae4j.run.ResumeConfig;
import io.mae4j.run.RunFolder;
import io.mae4j.util.EngineSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.mae4j.report.AnalysisPlots;

/**
 * The {@code bootstrap} θ scorer ({@code cache build scorer=bootstrap}): when no trained model exists,
 * (1) pre-train one with random masking for {@code cache.bootstrap_epochs} epochs — the config of the
 * arguments with {@code mask=random} and {@code train.epochs} set, into the fixed folder
 * {@code cache.bootstrap_run} (default {@code <runs_dir>/<name>-bootstrap}) — then (2) build the θ score
 * cache with that run's last checkpoint as scorer ({@link CacheBuildJob#withModel}).
 *
 * <p>Run again after a kill: a finished bootstrap run is reused, an interrupted one resumes from its
 * last checkpoint, and the cache build resumes where it stopped (the checkpoint, hence the cache file,
 * is the same). A folder trained with other model / data / mask / train settings is refused.
 */
public final class BootstrapScorerJob {

    /** The {@code cache.scorer} value that selects this recipe. */
    public static final String SCORER = "bootstrap";

    /** Config sections whose values decide the bootstrap model (a reused run must match them). */
    private static final List<String> DECIDING = List.of("seed", "model", "data", "mask", "train");

    /** What step 1 did with the run folder. */
    public enum State {
        /** trained from scratch now */
        TRAINED,
        /** an interrupted run was continued */
        RESUMED,
        /** a finished run was found and used as it is */
        REUSED
    }

    /**
     * The bootstrap run.
     *
     * @param dir its folder
     * @param state what this call did
     * @param epochs its length (cache.bootstrap_epochs)
     */
    public record Run(Path dir, State state, int epochs) {}

    /**
     * Both steps.
     *
     * @param run the pre-training
     * @param cache the cache build
     */
    public record Result(Run run, BuildResult cache) {}

    private BootstrapScorerJob() {}

    /**
     * Both steps, printing a line for each on {@code out}.
     *
     * @param args {@code group=choice} and {@code key=value} arguments (shorthands already expanded)
     * @param command the command line recorded in the cache header
     */
    public static Result build(List<String> args, String command, BuildProgress progress, PrintStream out)
            throws IOException {
        Run run = pretrain(args, out);
        Path ckpt = RunFolder.open(run.dir()).lastCheckpoint();
        out.println("bootstrap 2/2: θ score cache scored by " + ckpt);
        BuildResult cache = CacheBuildJob.withModel(run.dir(), keyArguments(args), command, progress);
        out.println("bootstrap cache: " + cache.file() + "  (train with mask.guided.cache=" + cache.file() + ")");
        return new Result(run, cache);
    }

    /**
     * Step 1: trains, resumes or reuses the bootstrap run.
     *
     * @throws IllegalArgumentException when the folder holds a run of other settings
     */
    public static Run pretrain(List<String> args, PrintStream out) throws IOException {
        ConfigComposer composer = ConfigComposer.locate();
        ComposedConfig user = composer.compose(args);
        Config uc = user.config();
        int epochs = uc.getInt("cache.bootstrap_epochs");
        if (epochs < 1) {
            throw new IllegalArgumentException("cache.bootstrap_epochs must be >= 1, got " + epochs);
        }
        Path dir = runDir(user);
        List<String> a = new ArrayList<>(args);
        a.add("mask=random");
        a.add("train.epochs=" + epochs);
        int warmup = uc.getInt("train.warmup_epochs");
        if (warmup > epochs / 2) {
            a.add("train.warmup_epochs=" + epochs / 2);
        }
        ComposedConfig boot = composer.compose(a);
        out.println("bootstrap 1/2: random-mask pre-training, " + epochs + " epochs, in " + dir);
        Path ckpt = dir.resolve("checkpoints").resolve("last.ckpt");
        if (Files.isRegularFile(dir.resolve("config.conf")) && Files.isRegularFile(ckpt)) {
            String diff = differences(dir.resolve("config.conf"), boot.config());
            if (!diff.isEmpty()) {
                throw new IllegalArgumentException(dir + " holds a bootstrap run of other settings (" + diff
                        + "). Delete it, or set cache.bootstrap_run=<another folder>");
            }
            CheckpointMeta meta = Checkpoints.readMeta(ckpt);
            if (meta.epochsDone() >= epochs) {
                out.println("bootstrap 1/2: finished earlier (" + meta.epochsDone() + " epochs), reused");
                return new Run(dir, State.REUSED, epochs);
            }
            out.println("bootstrap 1/2: resuming after epoch " + meta.epochsDone());
            RunFolder folder = RunFolder.open(dir);
            ResumeConfig rc = ResumeConfig.load(folder, List.of());
            Pretrainer.run(new Pretrainer.Request(rc.config(), rc.rendered(), rc.overrides(), folder, true,
                    TrainingFigures.ALL));
            return new Run(dir, State.RESUMED, epochs);
        }
        EngineSetup.start(boot.config()); // libtorch and runtime.device checked before the run folder exists
        Pretrainer.run(new Pretrainer.Request(boot.config(), boot.render(), boot.overrides(), RunFolder.at(dir), false,
                TrainingFigures.ALL));
        return new Run(dir, State.TRAINED, epochs);
    }

    /** {@code cache.bootstrap_run}, else {@code <runs_dir>/<name>-bootstrap}. */
    public static Path runDir(ComposedConfig c) {
        String given = c.config().getString("cache.bootstrap_run");
        return !given.isEmpty() ? Path.of(given)
                : Path.of(c.config().getString("runs_dir")).resolve(c.experimentName() + "-bootstrap");
    }

    /** The {@code key=value} arguments (a run's model and data come from its folder, not from group choices). */
    static List<String> keyArguments(List<String> args) {
        Map<String, List<String>> groups = ConfigComposer.locate().groups();
        List<String> keys = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? a : a.substring(0, eq).trim();
            if (!groups.containsKey(key) && !key.equals("cache.scorer")) {
                keys.add(a);
            }
        }
        return keys;
    }

    /** Keys of the deciding sections whose values differ between a saved config.conf and {@code want}, as text. */
    static String differences(Path savedFile, Config want) throws IOException {
        Config saved = ConfigFactory.parseString(Files.readString(savedFile, StandardCharsets.UTF_8)).resolve();
        List<String> diff = new ArrayList<>();
        for (String section : DECIDING) {
            for (var e : want.withOnlyPath(section).entrySet()) {
                String k = e.getKey();
                if (k.equals("data.num_workers") || k.equals("data.prefetch")) {
                    continue; // speed only
                }
                if (!saved.hasPath(k) || !saved.getValue(k).equals(e.getValue())) {
                    diff.add(k + " = " + (saved.hasPath(k) ? saved.getValue(k).render() : "(none)") + " there, "
                            + e.getValue().render() + " now");
                }
            }
        }
        return String.join("; ", diff);
    }
}
