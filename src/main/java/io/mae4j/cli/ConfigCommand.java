package io.mae4j.cli;

import io.mae4j.config.ConfigComposer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code config show [ARGS]} prints the resolved config; {@code config groups} lists the choices. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect the composed configuration.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Groups.class})
public class ConfigCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Prints the resolved config for the given choices and overrides. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the resolved config (HOCON).")
    static class Show implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ARG", description = "group=choice or key=value")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            System.out.print(ConfigComposer.locate().compose(args).render());
            return 0;
        }
    }

    /** Lists the config groups and their options. */
    @Command(name = "groups", mixinStandardHelpOptions = true, description = "List config groups and their options.")
    static class Groups implements Callable<Integer> {
        @Override
        public Integer call() {
            for (Map.Entry<String, List<String>> e : ConfigComposer.locate().groups().entrySet()) {
                System.out.println(e.getKey() + ": " + String.join(", ", e.getValue()));
            }
            return 0;
        }
    }
}
