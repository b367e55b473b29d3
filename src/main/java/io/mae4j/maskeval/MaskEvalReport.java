package io.mae4j.maskeval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the tables of a mask-eval run: {@code report.json} (provenance, settings, every row, the
 * spurious statistics; NaN as null), {@code results.csv} (one row per condition),
 * {@code predictions.csv} (one row per image), {@code report.md} (markdown tables) and, when the
 * finder ran, {@code spurious.json} (per image: flagged patches, what they attend to, the drop set)
 * and {@code spurious.csv} (one row per flagged patch).
 */
public final class MaskEvalReport {

    /** Columns of results.csv. */
    public static final String CSV_HEADER = "mode,ratio,n_drop,accuracy,ci_low,ci_high,repeat_sd,repeat_min,repeat_max,"
            + "diff_vs_baseline,diff_ci_low,diff_ci_high,mcnemar_lost,mcnemar_gained,mcnemar_p";

    private MaskEvalReport() {}

    /**
     * Writes the files.
     *
     * @param provenance what was evaluated (checkpoint, images, time, …), copied into report.json
     * @return the markdown report
     */
    public static String write(MaskEvalRun run, MaskEvalStats stats, Map<String, Object> provenance, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (MaskEvalStats.Row r : stats.rows()) {
            csv.append(String.join(",", r.mode(), f(r.ratio()), Integer.toString(r.nDrop()), f(r.accuracy()),
                    f(r.ci().low()), f(r.ci().high()), f(r.repeatSd()), f(r.repeatMin()), f(r.repeatMax()), f(r.diff()),
                    f(r.diffCi().low()), f(r.diffCi().high()), r.test() == null ? "" : Integer.toString(r.test().lost()),
                    r.test() == null ? "" : Integer.toString(r.test().gained()),
                    r.test() == null ? "" : f(r.test().pValue()))).append('\n');
        }
        Files.writeString(dir.resolve("results.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("predictions.csv"), predictions(run), StandardCharsets.UTF_8);
        JsonObject root = new JsonObject();
        JsonObject prov = new JsonObject();
        provenance.forEach((k, v) -> prov.add(k, v instanceof Number x ? new JsonPrimitive(x)
                : new JsonPrimitive(String.valueOf(v))));
        root.add("provenance", prov);
        root.addProperty("images", run.images());
        root.addProperty("patches", run.patches());
        root.addProperty("drop", run.drop().key());
        root.addProperty("repeats", run.repeats());
        root.addProperty("seconds", run.seconds());
        JsonArray rows = new JsonArray();
        for (MaskEvalStats.Row r : stats.rows()) {
            rows.add(row(r));
        }
        root.add("results", rows);
        if (stats.spurious() != null) {
            root.add("spurious", spuriousStats(stats.spurious()));
            Files.writeString(dir.resolve("spurious.json"), json(SpuriousFiles.perImage(run)), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("spurious.csv"), SpuriousFiles.csv(run), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("report.json"), json(root), StandardCharsets.UTF_8);
        String md = MaskEvalMarkdown.render(run, stats, provenance);
        Files.writeString(dir.resolve("report.md"), md, StandardCharsets.UTF_8);
        return md;
    }

    private static String predictions(MaskEvalRun run) {
        StringBuilder sb = new StringBuilder("index,image,label,baseline");
        for (String mode : new String[] {"top", "bottom"}) {
            for (double r : run.ratios()) {
                sb.append(',').append(mode).append('_').append(f(r));
            }
        }
        if (run.spurious() != null) {
            sb.append(",spurious_drop,spurious_control");
        }
        sb.append('\n');
        for (int i = 0; i < run.images(); i++) {
            sb.append(i).append(',').append(SpuriousFiles.csvText(run.names().get(i))).append(',')
                    .append(run.labels()[i]).append(',').append(run.baseline()[i]);
            for (int[][] m : new int[][][] {run.top(), run.bottom()}) {
                for (int[] p : m) {
                    sb.append(',').append(p[i]);
                }
            }
            if (run.spurious() != null) {
                sb.append(',').append(run.spurious().after()[i]).append(',').append(run.spurious().control()[i]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static JsonObject row(MaskEvalStats.Row r) {
        JsonObject o = new JsonObject();
        o.addProperty("mode", r.mode());
        o.addProperty("ratio", r.ratio());
        o.addProperty("n_drop", r.nDrop());
        o.add("accuracy", num(r.accuracy()));
        o.add("ci", interval(r.ci()));
        if (r.mode().equals("random")) {
            o.add("repeat_sd", num(r.repeatSd()));
            o.add("repeat_min", num(r.repeatMin()));
            o.add("repeat_max", num(r.repeatMax()));
        }
        o.add("diff_vs_baseline", num(r.diff()));
        o.add("diff_ci", interval(r.diffCi()));
        if (r.test() != null) {
            o.add("mcnemar", test(r.test()));
        }
        return o;
    }

    private static JsonObject spuriousStats(MaskEvalStats.SpuriousStats s) {
        JsonObject o = new JsonObject();
        o.addProperty("images", s.images());
        o.addProperty("flagged_images", s.flaggedImages());
        o.add("mean_flagged_patches", num(s.meanFlagged()));
        o.add("mean_keypoint_patches", num(s.meanKeypointPatches()));
        o.addProperty("affected_images", s.affected());
        o.add("mean_drop", num(s.meanDrop()));
        o.add("attended_drop", effect(s.attended()));
        o.add("random_nonkeypoint_drop", effect(s.control()));
        return o;
    }

    private static JsonObject effect(MaskEvalStats.Effect e) {
        JsonObject o = new JsonObject();
        o.add("flip_rate", num(e.flipRate()));
        o.add("flip_ci", interval(e.flipCi()));
        o.add("accuracy_before", num(e.before()));
        o.add("accuracy_after", num(e.after()));
        o.add("diff", num(e.diff()));
        o.add("diff_ci", interval(e.diffCi()));
        o.add("mcnemar", test(e.test()));
        return o;
    }

    private static JsonObject test(McNemar t) {
        JsonObject o = new JsonObject();
        o.addProperty("lost", t.lost());
        o.addProperty("gained", t.gained());
        o.add("p", num(t.pValue()));
        return o;
    }

    private static JsonArray interval(PercentileBootstrap.Interval i) {
        JsonArray a = new JsonArray();
        a.add(num(i.low()));
        a.add(num(i.high()));
        return a;
    }

    static JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    static String json(JsonElement e) {
        return new GsonBuilder().setPrettyPrinting().create().toJson(e);
    }

    /** A CSV number: up to 6 decimals, empty for NaN. */
    static String f(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%.6f", v).replaceFirst("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
