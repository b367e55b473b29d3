package io.mae4j.app;

import io.mae4j.cache.BuildProgress;
import io.mae4j.cache.BuildResult;
import io.mae4j.app.CacheBuildJob;
import io.mae4j.config.ComposedConfig;
import io.mae4j.config.ConfigComposer;
import io.mae4j.app.CompareReferences;
import io.mae4j.app.CompareJob;
import io.mae4j.report.CompareRuns;
import io.mae4j.report.Comparison;
import io.mae4j.eval.CommonMaskLoss;
import io.mae4j.train.Pretrainer;
import io.mae4j.run.RunFolder;
import io.mae4j.util.EngineSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.mae4j.report.AnalysisPlots;

/**
 * {@code quickstart}: the paper's pre-training application in small, on the synthetic set.
 * <ol>
 *   <li>random masking: {@code experiment=quickstart} into {@code runs/quickstart/<time>/};
 *   <li>the θ score cache of the training split scored by that run's last checkpoint — the bootstrap
 *       recipe, with the random run as its pre-training (no extra training; θ̄ is the paper's, from a
 *       MAE's attention, not a keypoint-density stand-in);
 *   <li>guided curriculum masking from that cache: {@code experiment=quickstart_guided} (same model,
 *       data, schedule and mask ratio; fresh weights) into {@code runs/quickstart_guided/<time>/};
 *   <li>{@code compare} of the two by {@code mask.name} into {@code runs/quickstart_compare/<time>/}.
 * </ol>
 * The arguments apply to both runs (and to the scoring, for {@code key=value} ones).
 */
public final class QuickstartStory {

    /** The random half's experiment. */
    public static final String RANDOM = "quickstart";
    /** The guided half's experiment. */
    public static final String GUIDED = "quickstart_guided";

    /**
     * What the story made.
     *
     * @param random the random-mask run
     * @param cache the θ score cache build
     * @param guided the guided run
     * @param report the comparison's report.md
     */
    public record Result(Pretrainer.Result random, BuildResult cache, Pretrainer.Result guided, Path report) {}

    private QuickstartStory() {}

    /**
     * Runs the four steps, printing a header line for each and the report path at the end.
     *
     * @param args {@code group=choice} / {@code key=value} arguments applied to both runs
     */
    public static Result run(List<String> args, PrintStream out) throws IOException {
        ConfigComposer composer = ConfigComposer.locate();
        ComposedConfig random = composer.compose(prepend(RANDOM, args));
        composer.compose(prepend(GUIDED, args)); // both configs valid before the first run starts
        long t0 = System.nanoTime();

        out.println("quickstart 1/4: pre-training with random masking (experiment=" + RANDOM + ")");
        Pretrainer.Result r = train(random);
        out.println("quickstart 1/4: " + summary(r));

        out.println("quickstart 2/4: θ score cache of the training split, scored by " + r.runDir()
                + " (the bootstrap scorer)");
        BuildResult cache = CacheBuildJob.withModel(r.runDir(), BootstrapScorerJob.keyArguments(args),
                "mae4j cache build scorer=" + r.runDir(), BuildProgress.console());
        out.println("quickstart 2/4: " + cache.summary());

        out.println("quickstart 3/4: pre-training with guided curriculum masking (experiment=" + GUIDED + ")");
        List<String> g = prepend(GUIDED, args);
        g.add("mask.guided.cache=" + cache.file());
        Pretrainer.Result guided = train(composer.compose(g));
        out.println("quickstart 3/4: " + summary(guided));

        Path dest = Path.of(random.config().getString("runs_dir")).resolve("quickstart_compare")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        out.println("quickstart 4/4: comparison of the two runs by mask.name");
        List<Comparison.Run> runs = CompareRuns.load(List.of(r.runDir(), guided.runDir()), "mask.name");
        Comparison c = Comparison.of("mask.name", runs,
                CompareReferences.compute(runs, Double.NaN, CommonMaskLoss.DEFAULT_SEED, out));
        out.print(CompareJob.write(c, dest));
        out.println(String.format(Locale.ROOT, "quickstart done in %.0f s", (System.nanoTime() - t0) / 1e9));
        out.println("random run:  " + r.runDir().toAbsolutePath());
        out.println("guided run:  " + guided.runDir().toAbsolutePath());
        out.println("θ cache:     " + cache.file().toAbsolutePath());
        out.println("report:      " + dest.resolve("report.md").toAbsolutePath() + "  (plots: accuracy.png, loss.png;"
                + " tensorboard --logdir " + random.config().getString("runs_dir") + ")");
        return new Result(r, cache, guided, dest.resolve("report.md"));
    }

    private static List<String> prepend(String experiment, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add("experiment=" + experiment);
        all.addAll(args);
        return all;
    }

    private static Pretrainer.Result train(ComposedConfig c) throws IOException {
        EngineSetup.start(c.config()); // libtorch and runtime.device checked before a run folder exists
        RunFolder folder = RunFolder.create(Path.of(c.config().getString("runs_dir")), c.experimentName());
        return Pretrainer.run(new Pretrainer.Request(c.config(), c.render(), c.overrides(), folder, false,
                TrainingFigures.ALL));
    }

    private static String summary(Pretrainer.Result r) {
        double loss = r.history().isEmpty() ? Double.NaN : r.history().get(r.history().size() - 1).trainLoss();
        return String.format(Locale.ROOT, "%s  final loss %.4f  k-NN top-1 %.4f", r.runDir(), loss, r.lastKnnTop1());
    }
}
