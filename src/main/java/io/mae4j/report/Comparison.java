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
            Band accuracy, Band loss, Spread commonMaskLoss) {}

    /**
     * A reference row: the same k-NN protocol on the same split without pre-training.
     *
     * @param name row label, e.g. "baseline: raw pixels"
     * @param top1 k-NN top-1
     */
    public record Reference(String name, double top1) {}

    /**
     * Numbers computed from the runs' checkpoints and data rather than their metrics.csv.
     *
     * @param commonMaskLoss run folder → common-mask val loss of its last checkpoint (runs missing: n/a)
     * @param commonMaskLossBest run folder → the same for its {@code checkpoints/best.ckpt}, where it has one
     * @param commonMaskNote how the common masks were drawn (for the report), or null when not computed
     * @param references baseline rows
     * @param referenceNote how the baselines were computed, or null
     */
    public record Extras(Map<Path, Double> commonMaskLoss, Map<Path, Double> commonMaskLossBest,
            String commonMaskNote, List<Reference> references, String referenceNote) {

        /** Nothing beyond metrics.csv. */
        public static final Extras NONE = new Extras(Map.of(), Map.of(), null, List.of(), null);
    }

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
    private final Extras extras;

    private Comparison(String groupBy, List<Run> runs, Extras extras) {
        this.groupBy = groupBy;
        this.runs = List.copyOf(runs);
        this.extras = extras;
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
        return of(groupBy, runs, Extras.NONE);
    }

    /**
     * Compares runs with numbers from their checkpoints (common-mask loss) and baselines.
     *
     * @throws IllegalArgumentException as {@link #of(String, List)}
     */
    public static Comparison of(String groupBy, List<Run> runs, Extras extras) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to compare");
        }
        return new Comparison(groupBy, runs, extras);
    }

    private Group group(String name, List<Run> rs) {
        List<Double> best = new ArrayList<>();
        List<Double> conv = new ArrayList<>();
        List<Double> auc = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> common = new ArrayList<>();
        List<RunScores.Curve> accCurves = new ArrayList<>();
        List<RunScores.Curve> lossCurves = new ArrayList<>();
        for (Run r : rs) {
            RunScores s = scores.get(r);
            best.add(s.bestTop1());
            conv.add(s.convergenceEpoch());
            auc.add(s.auc());
            loss.add(s.finalLoss());
            common.add(extras.commonMaskLoss().getOrDefault(r.dir(), Double.NaN));
            accCurves.add(RunScores.Curve.accuracy(r.rows()));
            lossCurves.add(RunScores.Curve.loss(r.rows()));
        }
        return new Group(name, rs.size(), Spread.of(best), Spread.of(conv), Spread.of(auc), Spread.of(loss),
                band(accCurves), band(lossCurves), Spread.of(common));
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

    /** The checkpoint-based numbers and baselines given (may be {@link Extras#NONE}). */
    public Extras extras() {
        return extras;
    }

    /**
     * Difference tests between every two groups with ≥ 2 runs each: best k-NN top-1, AUC and (when every
     * run has it) the common-mask val loss.
     */
    public List<GroupDifference> differences() {
        List<GroupDifference> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                Group a = groups.get(i);
                Group b = groups.get(j);
                if (a.runs() < 2 || b.runs() < 2) {
                    continue;
                }
                out.add(GroupDifference.of("best k-NN top-1", a.group(), values(a, RunScores::bestTop1), b.group(),
                        values(b, RunScores::bestTop1)));
                out.add(GroupDifference.of("AUC", a.group(), values(a, RunScores::auc), b.group(),
                        values(b, RunScores::auc)));
                if (a.commonMaskLoss().n() == a.runs() && b.commonMaskLoss().n() == b.runs()) {
                    out.add(GroupDifference.of("common-mask val loss", a.group(), commonLosses(a), b.group(),
                            commonLosses(b)));
                }
            }
        }
        return out;
    }

    private double[] values(Group g, java.util.function.ToDoubleFunction<RunScores> f) {
        return runs.stream().filter(r -> r.group().equals(g.group())).mapToDouble(r -> f.applyAsDouble(scores.get(r)))
                .toArray();
    }

    private double[] commonLosses(Group g) {
        return runs.stream().filter(r -> r.group().equals(g.group()))
                .mapToDouble(r -> extras.commonMaskLoss().get(r.dir())).toArray();
    }

    /**
     * The main table: group, runs, best k-NN, convergence epoch, AUC, common-mask val loss (mean ± sd),
     * then the baseline rows. The training loss is not in it (see {@link #trainingLossMarkdown()}).
     */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(groupBy)
                .append(" | runs | best k-NN top-1 | convergence epoch | AUC | common-mask val loss |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (Group g : groups) {
            String conv = g.runs() == 1 ? String.format(java.util.Locale.ROOT, "%.1f (single seed)",
                    g.convergenceEpoch().mean()) : g.convergenceEpoch().format("%.1f");
            if (g.convergenceEpoch().n() < g.runs()) {
                conv = (g.runs() == 1 ? "n/a" : conv) + " (" + g.convergenceEpoch().n() + "/" + g.runs()
                        + " converged)";
            }
            String common = g.commonMaskLoss().n() == 0 ? "n/a" : g.commonMaskLoss().format("%.4f")
                    + (g.commonMaskLoss().n() < g.runs() ? " (" + g.commonMaskLoss().n() + "/" + g.runs() + ")" : "");
            sb.append("| ").append(g.group()).append(" | ").append(g.runs()).append(" | ")
                    .append(g.bestTop1().format("%.4f")).append(" | ").append(conv).append(" | ")
                    .append(g.auc().format("%.4f")).append(" | ").append(common).append(" |\n");
        }
        for (Reference r : extras.references()) {
            sb.append(String.format(java.util.Locale.ROOT, "| %s | – | %.4f | – | – | – |%n", r.name(), r.top1()));
        }
        return sb.toString();
    }

    /** The last training loss per group, each run on its own masks: not comparable across mask strategies. */
    public String trainingLossMarkdown() {
        StringBuilder sb = new StringBuilder("| ").append(groupBy).append(" | runs | final training loss (own masks) |\n");
        sb.append("|---|---:|---:|\n");
        for (Group g : groups) {
            sb.append("| ").append(g.group()).append(" | ").append(g.runs()).append(" | ")
                    .append(g.finalLoss().format("%.4f")).append(" |\n");
        }
        return sb.toString();
    }

    /** The difference tests as markdown sentences, or a line saying why there are none. */
    public String differencesMarkdown() {
        List<GroupDifference> ds = differences();
        if (ds.isEmpty()) {
            return "No difference test: it needs two groups with ≥ 2 runs (seeds) each.\n";
        }
        StringBuilder sb = new StringBuilder();
        for (GroupDifference d : ds) {
            sb.append("- ").append(d.sentence()).append('\n');
        }
        return sb.toString();
    }
}
