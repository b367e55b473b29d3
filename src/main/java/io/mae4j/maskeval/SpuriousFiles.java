package io.mae4j.maskeval;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * The per-image output of the spurious-correlation finder: spurious.json (every image: label,
 * predictions, |K|, flagged patches with θ̄_i, t_i and the non-keypoint patches they attend to
 * with their shares, the drop set) and spurious.csv (one row per flagged patch; patch row and
 * column on the model grid).
 */
final class SpuriousFiles {

    private SpuriousFiles() {}

    static JsonObject perImage(MaskEvalRun run) {
        MaskEvalRun.SpuriousRun s = run.spurious();
        JsonArray images = new JsonArray();
        for (int i = 0; i < run.images(); i++) {
            SpuriousFinder.Finding f = s.findings().get(i);
            JsonObject o = new JsonObject();
            o.addProperty("index", i);
            o.addProperty("image", run.names().get(i));
            o.addProperty("label", run.labels()[i]);
            o.addProperty("baseline", run.baseline()[i]);
            o.addProperty("after_drop", s.after()[i]);
            o.addProperty("after_control", s.control()[i]);
            o.addProperty("keypoint_patches", f.keypointPatches());
            SpuriousNull.ImageTest t = s.tests().get(i);
            o.add("cohesion", MaskEvalReport.num(t.observed()));
            o.add("null_cohesion_mean", MaskEvalReport.num(t.nullMean()));
            o.add("p", MaskEvalReport.num(t.p()));
            o.addProperty("flagged_at_fdr", !f.flagged().isEmpty());
            JsonArray flagged = new JsonArray();
            for (SpuriousFinder.Flag g : f.flagged()) {
                JsonObject p = new JsonObject();
                p.addProperty("patch", g.patch());
                p.add("theta", MaskEvalReport.num(g.theta()));
                p.addProperty("keypoints", g.keypoints());
                JsonArray att = new JsonArray();
                for (int k = 0; k < g.attends().length; k++) {
                    JsonObject a = new JsonObject();
                    a.addProperty("patch", g.attends()[k]);
                    a.addProperty("share", g.shares()[k]);
                    att.add(a);
                }
                p.add("attends", att);
                flagged.add(p);
            }
            o.add("flagged", flagged);
            JsonArray drop = new JsonArray();
            for (int j : f.drop()) {
                drop.add(j);
            }
            o.add("drop", drop);
            images.add(o);
        }
        JsonObject root = new JsonObject();
        root.addProperty("grid_side", (int) Math.round(Math.sqrt(run.patches())));
        root.addProperty("fdr", s.fdr());
        root.addProperty("flagged_without_null", s.withoutNull());
        root.add("images", images);
        return root;
    }

    static String csv(MaskEvalRun run) {
        int g = (int) Math.round(Math.sqrt(run.patches()));
        StringBuilder sb = new StringBuilder("index,image,label,patch,row,col,theta,keypoints,attends\n");
        for (int i = 0; i < run.images(); i++) {
            for (SpuriousFinder.Flag f : run.spurious().findings().get(i).flagged()) {
                StringBuilder att = new StringBuilder();
                for (int k = 0; k < f.attends().length; k++) {
                    att.append(k == 0 ? "" : ";").append(f.attends()[k]).append(':')
                            .append(String.format(Locale.ROOT, "%.3f", f.shares()[k]));
                }
                sb.append(i).append(',').append(csvText(run.names().get(i))).append(',').append(run.labels()[i])
                        .append(',').append(f.patch()).append(',').append(f.patch() / g).append(',')
                        .append(f.patch() % g).append(',').append(MaskEvalReport.f(f.theta())).append(',')
                        .append(f.keypoints()).append(',').append(att).append('\n');
            }
        }
        return sb.toString();
    }

    /** Quotes a CSV field when it holds a comma, quote or newline. */
    static String csvText(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
