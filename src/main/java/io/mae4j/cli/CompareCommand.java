package io.mae4j.cli;

import io.mae4j.app.CompareJob;
import io.mae4j.report.CompareRuns;
import io.mae4j.report.Comparison;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compare runs=<dir>,<dir>,... [out=<dir>] [group_by=mask.name]}: compares finished runs
 * grouped by a config value (see {@link io.mae4j.report.Comparison}).
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compare finished runs grouped by a config value: k-NN accuracy and loss curves (mean and spread across"
                    + " seeds), best accuracy, convergence epoch, area under the accuracy curve, final loss.",
            "runs= comma-separated run folders, multirun folders (runs/<exp>/multirun-<time>) or experiment folders"
                    + " (runs/<exp>: all runs in it).",
            "Writes accuracy.png, loss.png, report.md, report.json and a TensorBoard event file to out="
                    + " (default runs/compare-<time>/) and prints the markdown table.",
            "Example: compare runs=runs/synthetic_random,runs/synthetic_guided"
        })
public class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "ARG", description = "runs=DIR,DIR,...  out=DIR  group_by=KEY")
    List<String> args = new ArrayList<>();

    @Option(names = "--group-by", paramLabel = "KEY", description = "config key naming the groups (default mask.name)")
    String groupByOption;

    /** The output folder of the last call, for tests. */
    Path written;

    @Override
    public Integer call() throws Exception {
        List<Path> dirs = new ArrayList<>();
        Path out = null;
        String groupBy = groupByOption == null ? "mask.name" : groupByOption;
        for (String a : args) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? "" : a.substring(0, eq);
            String value = a.substring(eq + 1);
            switch (key) {
                case "runs" -> {
                    for (String d : value.split(",")) {
                        if (!d.isBlank()) {
                            dirs.add(Path.of(d.trim()));
                        }
                    }
                }
                case "out" -> out = Path.of(value);
                case "group_by" -> groupBy = value;
                default -> throw new IllegalArgumentException("compare: unknown argument '" + a
                        + "'; expected runs=<dir>,<dir>,... out=<dir> group_by=<config key>");
            }
        }
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("compare needs runs=<dir>,<dir>,... (run, multirun or experiment folders)");
        }
        if (out == null) {
            out = Path.of("runs", "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        Comparison c = Comparison.of(groupBy, CompareRuns.load(CompareRuns.expand(dirs), groupBy));
        String table = CompareJob.write(c, out);
        System.out.print(table);
        System.out.println("report: " + out.resolve("report.md") + "  plots: " + out.resolve("accuracy.png") + ", "
                + out.resolve("loss.png"));
        written = out;
        return 0;
    }
}
