package io.mae4j.app;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonElement;
import io.mae4j.tensorboard.EventFileWriter;
import io.mae4j.tensorboard.Summaries;
import io.mae4j.run.EpochStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import io.mae4j.report.Comparison;
import io.mae4j.report.ComparisonPlots;
import io.mae4j.report.RunScores;
import io.mae4j.report.GroupDifference;
import io.mae4j.analysis.Spread;

/**
 * Writes a {@link Comparison} into a folder: accuracy.png, loss.png, report.md, report.json and a
 * TensorBoard event file (group mean curves as scalars {@code compare/<group>/knn_top1} and
 * {@code compare/<group>/train_loss} at step = 1-based epoch, the two PNGs and the markdown report).
 */
public final class CompareJob {

    private CompareJob() {}

    /**
     * Writes the report files.
     *
     * @return the markdown table (also the body of report.md)
     */
    public static String write(Comparison c, Path out) throws IOException {
        Files.createDirectories(out);
        byte[] acc = ComparisonPlots.png(ComparisonPlots.accuracy(c));
        byte[] loss = ComparisonPlots.png(ComparisonPlots.loss(c));
        Files.write(out.resolve("accuracy.png"), acc);
        Files.write(out.resolve("loss.png"), loss);
        String table = c.markdown();
        StringBuilder md = new StringBuilder("# Comparison by `").append(c.groupBy()).append("`\n\n").append(table)
                .append("\nmean ± sd across the runs of a group (sample sd). Convergence epoch: first epoch (1-based)"
                        + " from which the k-NN top-1, smoothed by a trailing mean of 3 evaluations, stays within 0.01"
                        + " of its best (a group of one run has no spread: \"single seed\"); AUC: trapezoid area under"
                        + " k-NN top-1 over the evaluated epochs / epoch span.\n");
        Comparison.Extras x = c.extras();
        if (x.commonMaskNote() != null) {
            md.append("\n").append(x.commonMaskNote()).append("\n");
        }
        if (x.referenceNote() != null) {
            md.append("\n").append(x.referenceNote()).append("\n");
        }
        md.append("\n## Difference tests\n\n").append(c.differencesMarkdown())
                .append("\nWelch's two-sided t-test decides at α = 0.05 (\"no difference beyond noise\" when p ≥ 0.05);"
                        + " the exact permutation test enumerates every split of the runs into groups of these sizes;"
                        + " Cohen's d uses the pooled sd.\n");
        md.append("\n## Training loss (not comparable across mask strategies)\n\n").append(c.trainingLossMarkdown())
                .append("\nEach run's last training loss is measured on its own masks. Guided masks remove the"
                        + " patches that are hard to predict by design, so a higher training loss there says nothing"
                        + " about the model: compare the common-mask val loss above instead.\n\nRuns:\n\n");
        for (Comparison.Run r : c.runs()) {
            double[] betas = EpochStats.meanBetas(r.rows());
            md.append("- `").append(r.dir()).append("` (").append(r.group()).append(", seed ").append(r.seed())
                    .append(Double.isNaN(betas[0]) ? "" : String.format(java.util.Locale.ROOT,
                            ", mean beta_effective %.3f of mean beta %.3f", betas[1], betas[0])).append(")");
            Double l = x.commonMaskLoss().get(r.dir());
            if (l != null) {
                md.append(String.format(java.util.Locale.ROOT, ": common-mask val loss %.4f", l));
            }
            Double b = x.commonMaskLossBest().get(r.dir());
            if (b != null) {
                md.append(String.format(java.util.Locale.ROOT, " (best.ckpt %.4f)", b));
            }
            md.append("\n");
        }
        Files.writeString(out.resolve("report.md"), md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("report.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json(c)),
                StandardCharsets.UTF_8);
        try (EventFileWriter w = EventFileWriter.open(out, Duration.ofSeconds(10))) {
            for (Comparison.Group g : c.groups()) {
                scalars(w, "compare/" + g.group() + "/knn_top1", g.accuracy());
                scalars(w, "compare/" + g.group() + "/train_loss", g.loss());
            }
            w.addSummary(0, List.of(Summaries.png("compare/accuracy", acc), Summaries.png("compare/loss", loss)));
            w.addText("compare/report", md.toString(), 0);
        }
        return table;
    }

    private static void scalars(EventFileWriter w, String tag, Comparison.Band b) {
        for (int i = 0; i < b.x().length; i++) {
            w.addScalar(tag, b.mean()[i], (long) b.x()[i]);
        }
    }

    /** report.json: the grouping key, per-group statistics and per-run scores (NaN as null). */
    static JsonObject json(Comparison c) {
        JsonObject root = new JsonObject();
        root.addProperty("group_by", c.groupBy());
        JsonArray groups = new JsonArray();
        for (Comparison.Group g : c.groups()) {
            JsonObject o = new JsonObject();
            o.addProperty("group", g.group());
            o.addProperty("runs", g.runs());
            o.add("best_top1", stat(g.bestTop1()));
            o.add("convergence_epoch", stat(g.convergenceEpoch()));
            o.add("auc", stat(g.auc()));
            o.add("final_loss", stat(g.finalLoss()));
            o.add("common_mask_val_loss", stat(g.commonMaskLoss()));
            groups.add(o);
        }
        root.add("groups", groups);
        JsonArray runs = new JsonArray();
        for (Comparison.Run r : c.runs()) {
            RunScores s = c.scores(r);
            JsonObject o = new JsonObject();
            o.addProperty("dir", r.dir().toString());
            o.addProperty("group", r.group());
            o.addProperty("seed", r.seed());
            o.add("best_top1", num(s.bestTop1()));
            o.add("convergence_epoch", num(s.convergenceEpoch()));
            o.add("auc", num(s.auc()));
            o.add("final_loss", num(s.finalLoss()));
            Double l = c.extras().commonMaskLoss().get(r.dir());
            o.add("common_mask_val_loss", l == null ? JsonNull.INSTANCE : num(l));
            Double b = c.extras().commonMaskLossBest().get(r.dir());
            o.add("common_mask_val_loss_best_ckpt", b == null ? JsonNull.INSTANCE : num(b));
            o.add("mean_beta_effective", num(EpochStats.meanBetas(r.rows())[1]));
            runs.add(o);
        }
        root.add("runs", runs);
        JsonArray refs = new JsonArray();
        for (Comparison.Reference r : c.extras().references()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", r.name());
            o.add("knn_top1", num(r.top1()));
            refs.add(o);
        }
        root.add("baselines", refs);
        JsonArray diffs = new JsonArray();
        for (GroupDifference d : c.differences()) {
            JsonObject o = new JsonObject();
            o.addProperty("metric", d.metric());
            o.addProperty("a", d.a());
            o.addProperty("b", d.b());
            o.addProperty("n_a", d.na());
            o.addProperty("n_b", d.nb());
            o.add("mean_a", num(d.meanA()));
            o.add("mean_b", num(d.meanB()));
            o.add("welch_t", num(d.welchT()));
            o.add("welch_p", num(d.welchP()));
            o.add("permutation_p", num(d.permutationP()));
            o.add("cohens_d", num(d.cohensD()));
            o.addProperty("verdict", d.significant() ? "difference beyond noise" : "no difference beyond noise");
            diffs.add(o);
        }
        root.add("differences", diffs);
        return root;
    }

    private static JsonObject stat(Spread s) {
        JsonObject o = new JsonObject();
        o.add("mean", num(s.mean()));
        o.add("sd", num(s.std()));
        o.addProperty("n", s.n());
        return o;
    }

    private static JsonElement num(double v) {
        return !Double.isFinite(v) ? JsonNull.INSTANCE : new JsonPrimitive(v);
    }
}
