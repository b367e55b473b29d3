package io.mae4j.report;

import io.mae4j.run.EpochStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.mae4j.analysis.Spread;

/**
 * Finished runs grouped by a config value (default {@code mask.name}), with the numbers of
 * {@link RunScores} per run and their mean ± sd across the runs (seeds) of each group, and the
 * group curves (mean ± sd of the runs evaluated at each epoch). Pure: runs are read by
 * {@link CompareRuns}. Groups are in order of first appearance.
 */
public final class Comparison {

    /**
     * One run to compare.
     *
     * @param dir its folder
     * @param group its value of the grouping key
     * @param seed its {@code seed} (text, for labels)
     * @param rows its metrics.csv rows
     */
    public record Run(Path dir, String group, String seed, List<EpochStats> rows) {}

    /**
     * One group's statistics over its runs.
     *
     * @param group value of the grouping key
     * @param runs number of runs
     * @param bestTop1 best k-NN top-1
     * @param convergenceEpoch convergence epoch (n = runs that converged)
     * @param auc normalised area under the accuracy curve
     * @param finalLoss last training loss
     * @param accuracy mean (y) and sd (spread) of k-NN top-1 per evaluated epoch
     * @param loss mean and sd of the training loss per epoch
     */
    public record Group(String group, int runs, Spread bestTop1, Spread convergenceEpoch, Spread auc, Spread finalLoss,
            Band accuracy, Band loss) {}

    /**
     * Mean curve with its spread across runs.
     *
     * @param x 1-based epochs
     * @param mean mean over the runs with a value at that epoch
     * @param sd sample standard deviation over those runs (0 for one run)
     */
    public record Band(double[] x, double[] mean, double[] sd) {}

    private final String groupBy;
    private final List<Run> runs;
    private final Map<Run, RunScores> scores = new LinkedHashMap<>();
    private final List<Group> groups = new ArrayList<>();

    private Comparison(String groupBy, List<Run> runs) {
        this.groupBy = groupBy;
        this.runs = List.copyOf(runs);
        List<String> noKnn = new ArrayList<>();
        for (Run r : runs) {
            if (RunScores.Curve.accuracy(r.rows()).x().length == 0) {
                noKnn.add(r.dir() + (r.rows().isEmpty() ? " (metrics.csv has no rows)" : ""));
            }
        }
        if (!noKnn.isEmpty()) {
            throw new IllegalArgumentException("these runs have no k-NN evaluation (knn_top1 empty in metrics.csv): "
                    + String.join(", ", noKnn) + "; leave them out or train with eval.every > 0");
        }
        Map<String, List<Run>> byGroup = new LinkedHashMap<>();
        for (Run r : runs) {
            scores.put(r, RunScores.of(r.rows()));
            byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        byGroup.forEach((g, rs) -> groups.add(group(g, rs)));
    }

    /**
     * Compares runs.
     *
     * @param groupBy the config key the groups were formed by (for the report)
     * @throws IllegalArgumentException when there is no run, or runs have no k-NN evaluation (all named)
     */
    public static Comparison of(String groupBy, List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to compare");
        }
        return new Comparison(groupBy, runs);
    }

    private Group group(String name, List<Run> rs) {
        List<Double> best = new ArrayList<>();
        List<Double> conv = new ArrayList<>();
        List<Double> auc = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<RunScores.Curve> accCurves = new ArrayList<>();
        List<RunScores.Curve> lossCurves = new ArrayList<>();
        for (Run r : rs) {
            RunScores s = scores.get(r);
            best.add(s.bestTop1());
            conv.add(s.convergenceEpoch());
            auc.add(s.auc());
            loss.add(s.finalLoss());
            accCurves.add(RunScores.Curve.accuracy(r.rows()));
            lossCurves.add(RunScores.Curve.loss(r.rows()));
        }
        return new Group(name, rs.size(), Spread.of(best), Spread.of(conv), Spread.of(auc), Spread.of(loss),
                band(accCurves), band(lossCurves));
    }

    /** Mean ± sd at every x any curve has, over the curves that have it. */
    static Band band(List<RunScores.Curve> curves) {
        TreeMap<Double, List<Double>> at = new TreeMap<>();
        for (RunScores.Curve c : curves) {
            for (int i = 0; i < c.x().length; i++) {
                at.computeIfAbsent(c.x()[i], k -> new ArrayList<>()).add(c.y()[i]);
            }
        }
        double[] x = new double[at.size()];
        double[] mean = new double[x.length];
        double[] sd = new double[x.length];
        int i = 0;
        for (Map.Entry<Double, List<Double>> e : at.entrySet()) {
            Spread s = Spread.of(e.getValue());
            x[i] = e.getKey();
            mean[i] = s.mean();
            sd[i++] = s.std();
        }
        return new Band(x, mean, sd);
    }

    /** The grouping key. */
    public String groupBy() {
        return groupBy;
    }

    /** The runs compared, in the order given. */
    public List<Run> runs() {
        return runs;
    }

    /** The scores of one of {@link #runs()}. */
    public RunScores scores(Run r) {
        return scores.get(r);
    }

    /** The groups, in order of first appearance. */
    public List<Group> groups() {
        return List.copyOf(groups);
    }

    /** The markdown table: group, runs, best acc, convergence epoch, AUC, final loss (mean ± sd each). */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(groupBy).append(" | runs | best k-NN top-1 | convergence epoch | AUC | final loss |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (Group g : groups) {
            String conv = g.convergenceEpoch().format("%.1f");
            if (g.convergenceEpoch().n() < g.runs()) {
                conv += " (" + g.convergenceEpoch().n() + "/" + g.runs() + " converged)";
            }
            sb.append("| ").append(g.group()).append(" | ").append(g.runs()).append(" | ")
                    .append(g.bestTop1().format("%.4f")).append(" | ").append(conv).append(" | ")
                    .append(g.auc().format("%.4f")).append(" | ").append(g.finalLoss().format("%.4f")).append(" |\n");
        }
        return sb.toString();
    }
}
