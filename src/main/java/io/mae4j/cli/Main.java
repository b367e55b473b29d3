package io.mae4j.cli;

import io.mae4j.config.ConfigException;
import io.mae4j.device.SetupException;
import java.io.IOException;
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
        description = "Masked-autoencoder pre-training of Vision Transformers on DJL.",
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

    /** Runs a command line and returns its exit code (0 ok, 1 failure, 2 usage or input error). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        return cl.execute(args);
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean userError = e instanceof ConfigException || e instanceof IllegalArgumentException
                || e instanceof IOException || e instanceof SetupException;
        err.println("error: " + e.getMessage());
        if (!userError || Boolean.getBoolean("mae4j.debug")) {
            e.printStackTrace(err);
        } else if (!(e instanceof SetupException)) {
            // a SetupException's one sentence is the whole story (what was found, what to do)
            err.println("(run with -Dmae4j.debug=true for the stack trace)");
        }
        err.flush();
        return userError ? 2 : 1;
    }
}
