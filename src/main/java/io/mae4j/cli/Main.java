package io.mae4j.cli;

import io.mae4j.config.ConfigException;
import io.mae4j.data.DatasetException;
import io.mae4j.device.SetupException;
import io.mae4j.model.io.WeightMismatchException;
import io.mae4j.train.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar target/mae4j.jar <command>}: the command tree. Commands are thin: they compose
 * the config and hand over to the packages that do the work.
 */
@Command(
        name = "mae4j",
        mixinStandardHelpOptions = true,
        version = "mae4j 0.1.0",
        description = {"Masked-autoencoder pre-training of Vision Transformers on DJL.",
            "An expected error prints one line; add --debug anywhere for its stack trace."},
        subcommands = {
            QuickstartCommand.class,
            TrainCommand.class,
            ConfigCommand.class,
            SynthCommand.class,
            WeightsCommand.class,
            BenchCommand.class,
            AnalyzeCommand.class,
            CacheCommand.class,
            CompareCommand.class,
            LinprobeCommand.class,
            FinetuneCommand.class,
            MaskEvalCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs a command line and returns its exit code (0 ok, 1 failure, 2 usage or input error).
     * {@code --debug} anywhere on the line (or {@code -Dmae4j.debug=true}) prints the stack trace of
     * an error; without it an expected error is one line.
     */
    public static int execute(String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean debug = rest.remove(DEBUG) | Boolean.getBoolean("mae4j.debug");
        while (rest.remove(DEBUG)) {
            // a repeated --debug
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, line, parsed) -> handle(e, line, debug));
        return cl.execute(rest.toArray(String[]::new));
    }

    static final String DEBUG = "--debug";

    private static int handle(Exception e, CommandLine cl, boolean debug) {
        PrintWriter err = cl.getErr();
        boolean userError = e instanceof ConfigException || e instanceof IllegalArgumentException
                || e instanceof IOException || e instanceof UncheckedIOException || e instanceof DatasetException
                || e instanceof WeightMismatchException || e instanceof SetupException;
        // a run that stopped for a reason it states (divergence) is a failure, but an expected one
        boolean expected = userError || e instanceof TrainingDivergedException;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        err.println("error: " + message.strip().replace('\n', ' '));
        if (!expected || debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return userError ? 2 : 1;
    }
}
