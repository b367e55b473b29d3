package io.mae4j.cli;

import io.mae4j.classify.ClassifierJob;
import io.mae4j.classify.HeadKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The shared part of {@code linprobe} and {@code finetune}: {@code checkpoint=PATH [model=...]
 * [key=value ...]}, or {@code --resume RUN_DIR [key=value ...]}.
 */
abstract class ClassifierCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ARG",
            description = "checkpoint=PATH, then model=<preset> (weights files only) and key=value overrides")
    List<String> args = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue a stopped run of this command from its checkpoints/last.ckpt"
                    + " (ARGs may override keys, e.g. <command>.epochs to train longer; no checkpoint=)")
    Path resume;

    /** The run's result, for tests. */
    ClassifierJob.Result result;

    /** Which recipe the command runs. */
    abstract HeadKind kind();

    @Override
    public Integer call() throws Exception {
        Path checkpoint = null;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("checkpoint=")) {
                checkpoint = Path.of(a.substring("checkpoint=".length()));
            } else {
                rest.add(a);
            }
        }
        if (resume != null) {
            if (checkpoint != null) {
                throw new IllegalArgumentException("--resume " + resume + " continues from the run's own checkpoint:"
                        + " drop checkpoint=" + checkpoint);
            }
            result = ClassifierJob.resume(kind(), resume, rest);
            if (!result.note().isEmpty()) {
                System.out.println(result.note());
            }
        } else if (checkpoint == null) {
            throw new IllegalArgumentException(kind().configName() + " needs checkpoint=<run folder | .ckpt | weights file>"
                    + " (or --resume RUN_DIR to continue a stopped run)");
        } else {
            result = ClassifierJob.run(new ClassifierJob.Request(kind(), checkpoint, rest));
        }
        System.out.println(String.format(Locale.ROOT, "%s top-1 %.4f", kind().configName(), result.lastTop1()));
        System.out.println("run folder: " + result.runDir().toAbsolutePath());
        return 0;
    }
}
