package io.mae4j.cli;

import io.mae4j.app.TrainingFigures;
import io.mae4j.config.ComposedConfig;
import io.mae4j.config.ConfigComposer;
import io.mae4j.train.Pretrainer;
import io.mae4j.run.ResumeConfig;
import io.mae4j.run.RunFolder;
import io.mae4j.util.EngineSetup;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.mae4j.report.AnalysisPlots;

/** {@code train [--multirun] [--resume RUN_DIR] [group=choice ...] [key=value ...]}. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Pre-train a ViT MAE.",
            "Arguments: group choices (model=vit_b16 data=imagenette_160 mask=block), experiment=NAME,"
                    + " then key=value overrides (train.epochs=100 mask.mask_ratio=0.75).",
            "Example: train experiment=quickstart model=vit_s16 train.epochs=100"
        })
public class TrainCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "group=choice or key=value")
    List<String> args = new ArrayList<>();

    @Option(names = "--multirun", description = "run every combination of comma-separated values, one after another")
    boolean multirun;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue a stopped run from its checkpoints/last.ckpt (ARGs may override keys, e.g. train.epochs)")
    Path resume;

    /** Results of the runs this command did, for callers and tests. */
    final List<Pretrainer.Result> results = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            RunFolder folder = RunFolder.open(resume);
            ResumeConfig rc = ResumeConfig.load(folder, args);
            results.add(Pretrainer.run(new Pretrainer.Request(rc.config(), rc.rendered(), rc.overrides(), folder, true,
                    TrainingFigures.ALL)));
        } else if (multirun) {
            runMultirun(prefixArgs());
        } else {
            ComposedConfig composed = ConfigComposer.locate().compose(prefixArgs());
            EngineSetup.start(composed.config()); // libtorch and runtime.device checked before a run folder exists
            RunFolder folder = RunFolder.create(runsDir(composed), composed.experimentName());
            results.add(runOne(composed, folder));
        }
        for (Pretrainer.Result r : results) {
            System.out.println("run folder: " + r.runDir().toAbsolutePath());
        }
        return 0;
    }

    /** Arguments placed before the user's (quickstart adds its experiment here). */
    List<String> prefixArgs() {
        return args;
    }

    private void runMultirun(List<String> all) throws Exception {
        ConfigComposer composer = ConfigComposer.locate();
        List<List<String>> jobs = composer.expandMultirun(all);
        List<ComposedConfig> composed = new ArrayList<>();
        for (List<String> job : jobs) {
            composed.add(composer.compose(job)); // validate every job before running any
        }
        for (ComposedConfig c : composed) {
            EngineSetup.start(c.config()); // every job's runtime.device, before the sweep folder exists
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path sweep = runsDir(composed.get(0)).resolve(composed.get(0).experimentName()).resolve("multirun-" + stamp);
        for (int i = 0; i < composed.size(); i++) {
            System.out.println(String.format(Locale.ROOT, "[multirun %d/%d] %s", i + 1, jobs.size(),
                    String.join(" ", jobs.get(i))));
            results.add(runOne(composed.get(i), RunFolder.at(sweep.resolve(Integer.toString(i)))));
        }
        System.out.println("multirun folder: " + sweep.toAbsolutePath());
        for (int i = 0; i < results.size(); i++) {
            System.out.println(String.format(Locale.ROOT, "  %d  knn@1 %.4f  %s", i, results.get(i).lastKnnTop1(),
                    String.join(" ", jobs.get(i))));
        }
    }

    private static Pretrainer.Result runOne(ComposedConfig composed, RunFolder folder) throws Exception {
        return Pretrainer.run(new Pretrainer.Request(composed.config(), composed.render(), composed.overrides(), folder, false,
                TrainingFigures.ALL));
    }

    private static Path runsDir(ComposedConfig composed) {
        return Path.of(composed.config().getString("runs_dir"));
    }
}
