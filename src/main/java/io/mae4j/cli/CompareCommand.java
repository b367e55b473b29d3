package io.mae4j.cli;

import io.mae4j.app.CompareReferences;
import io.mae4j.app.CompareJob;
import io.mae4j.report.CompareRuns;
import io.mae4j.report.Comparison;
import io.mae4j.eval.CommonMaskLoss;
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
                    + " seeds), best accuracy, convergence epoch, area under the accuracy curve, the common-mask val"
                    + " loss (every run's last checkpoint on the same random masks of the val split), k-NN baselines"
                    + " (raw pixels, random init) and, for two groups of ≥ 2 seeds, Welch and exact permutation tests"
                    + " of the difference.",
            "runs= comma-separated run folders, multirun folders (runs/<exp>/multirun-<time>) or experiment folders"
                    + " (runs/<exp>: all runs in it).",
            "Writes accuracy.png, loss.png, report.md, report.json and a TensorBoard event file to out="
                    + " (default runs/compare-<time>/) and prints the markdown table.",
            "Example: compare runs=runs/synthetic_random,runs/synthetic_guided"
        })
public class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "ARG", description = "runs=DIR,DIR,...  out=DIR  group_by=KEY"
            + "  references=true|false (common-mask val loss and k-NN baselines; default true)"
            + "  common_mask_ratio=R (default: the runs' mask.mask_ratio)  common_mask_seed=N (default 1234)")
    List<String> args = new ArrayList<>();

    @Option(names = "--group-by", paramLabel = "KEY", description = "config key naming the groups (default mask.name)")
    String groupByOption;

    private static boolean bool(String arg, String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("compare: '" + arg + "' must be true or false");
        }
        return v.equals("true");
    }

    private static double number(String arg, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("compare: '" + arg + "' is not a number");
        }
    }

    /** The output folder of the last call, for tests. */
    Path written;

    @Override
    public Integer call() throws Exception {
        List<Path> dirs = new ArrayList<>();
        Path out = null;
        String groupBy = groupByOption == null ? "mask.name" : groupByOption;
        boolean references = true;
        double commonRatio = Double.NaN;
        long commonSeed = CommonMaskLoss.DEFAULT_SEED;
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
                case "references" -> references = bool(a, value);
                case "common_mask_ratio" -> commonRatio = number(a, value);
                case "common_mask_seed" -> commonSeed = (long) number(a, value);
                default -> throw new IllegalArgumentException("compare: unknown argument '" + a
                        + "'; expected runs=<dir>,<dir>,... out=<dir> group_by=<config key> references=true|false"
                        + " common_mask_ratio=<r> common_mask_seed=<n>");
            }
        }
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("compare needs runs=<dir>,<dir>,... (run, multirun or experiment folders)");
        }
        if (out == null) {
            out = Path.of("runs", "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        if (!(Double.isNaN(commonRatio) || commonRatio > 0 && commonRatio < 1)) {
            throw new IllegalArgumentException("compare: common_mask_ratio=" + commonRatio + " must lie in (0, 1)");
        }
        List<Comparison.Run> runs = CompareRuns.load(CompareRuns.expand(dirs), groupBy);
        Comparison.of(groupBy, runs); // checks the runs before the checkpoints are read
        Comparison.Extras extras = references ? CompareReferences.compute(runs, commonRatio, commonSeed, System.out)
                : Comparison.Extras.NONE;
        Comparison c = Comparison.of(groupBy, runs, extras);
        String table = CompareJob.write(c, out);
        System.out.print(table);
        System.out.print(c.differencesMarkdown());
        System.out.println("report: " + out.resolve("report.md") + "  plots: " + out.resolve("accuracy.png") + ", "
                + out.resolve("loss.png"));
        written = out;
        return 0;
    }
}
