package io.mae4j.cli;

import io.mae4j.classify.ClassifierJob;
import io.mae4j.classify.HeadKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;

/** The shared part of {@code linprobe} and {@code finetune}: {@code checkpoint=PATH [model=...] [key=value ...]}. */
abstract class ClassifierCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "ARG",
            description = "checkpoint=PATH, then model=<preset> (weights files only) and key=value overrides")
    List<String> args = new ArrayList<>();

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
        if (checkpoint == null) {
            throw new IllegalArgumentException(kind().configName() + " needs checkpoint=<run folder | .ckpt | weights file>");
        }
        result = ClassifierJob.run(new ClassifierJob.Request(kind(), checkpoint, rest));
        System.out.println(String.format(Locale.ROOT, "%s top-1 %.4f", kind().configName(), result.lastTop1()));
        System.out.println("run folder: " + result.runDir().toAbsolutePath());
        return 0;
    }
}
