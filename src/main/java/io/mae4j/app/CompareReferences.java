package io.mae4j.app;

import com.typesafe.config.Config;
import io.mae4j.eval.CommonMaskLoss;
import io.mae4j.eval.KnnBaselines;
import io.mae4j.run.ModelSource;
import io.mae4j.report.Comparison;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes a comparison's {@link Comparison.Extras} from the runs' checkpoints and data: every run's
 * common-mask val loss ({@link CommonMaskLoss}, last checkpoint; the same masks for every run) and
 * the k-NN baselines ({@link KnnBaselines}: raw pixels, random init; cached under
 * {@code <runs_dir>/baselines/}). Runs must share the validation data and the patch grid; baselines
 * are computed once per distinct data / eval / model setting.
 */
public final class CompareReferences {

    private static final List<String> SAME_DATA = List.of("data.root", "data.val_split", "data.max_val",
            "eval.max_val", "model.img_size", "model.patch_size");

    private CompareReferences() {}

    /**
     * @param runs the runs to compare
     * @param maskRatio removed share of the common masks, or NaN for the runs' own {@code mask.mask_ratio}
     *     (which must then agree)
     * @param seed seed of the common masks
     * @param log progress lines
     * @return the extras; with only a note when some run has no checkpoint
     * @throws IllegalArgumentException when runs differ in validation data or grid, or in mask ratio with none given
     */
    public static Comparison.Extras compute(List<Comparison.Run> runs, double maskRatio, long seed, PrintStream log)
            throws IOException {
        List<String> missing = new ArrayList<>();
        for (Comparison.Run r : runs) {
            if (!Files.isRegularFile(r.dir().resolve("checkpoints/last.ckpt"))) {
                missing.add(r.dir().toString());
            }
        }
        if (!missing.isEmpty()) {
            String note = "common-mask val loss and baselines not computed: no checkpoints/last.ckpt in "
                    + String.join(", ", missing);
            log.println(note);
            return new Comparison.Extras(Map.of(), Map.of(), note, List.of(), null);
        }
        Map<Path, Config> configs = new LinkedHashMap<>();
        for (Comparison.Run r : runs) {
            configs.put(r.dir(), ModelSource.resolve(r.dir(), List.of()).config());
        }
        Config first = configs.values().iterator().next();
        for (Map.Entry<Path, Config> e : configs.entrySet()) {
            for (String k : SAME_DATA) {
                if (!first.getValue(k).unwrapped().equals(e.getValue().getValue(k).unwrapped())) {
                    throw new IllegalArgumentException("compare: common-mask loss needs the same validation data and"
                            + " patch grid in every run, but " + k + " is " + first.getValue(k).unwrapped() + " in "
                            + runs.get(0).dir() + " and " + e.getValue().getValue(k).unwrapped() + " in " + e.getKey()
                            + "; compare those runs separately or pass references=false");
                }
            }
        }
        double ratio = maskRatio;
        if (Double.isNaN(ratio)) {
            ratio = first.getDouble("mask.mask_ratio");
            for (Map.Entry<Path, Config> e : configs.entrySet()) {
                if (e.getValue().getDouble("mask.mask_ratio") != ratio) {
                    throw new IllegalArgumentException("compare: runs use different mask.mask_ratio (" + ratio + " in "
                            + runs.get(0).dir() + ", " + e.getValue().getDouble("mask.mask_ratio") + " in " + e.getKey()
                            + "); choose the common masks' ratio with common_mask_ratio=<r>");
                }
            }
        }
        Map<Path, Double> loss = new LinkedHashMap<>();
        Map<Path, Double> best = new LinkedHashMap<>();
        for (Map.Entry<Path, Config> e : configs.entrySet()) {
            double v = CommonMaskLoss.score(ModelSource.resolve(e.getKey(), List.of()), ratio, seed);
            log.printf(Locale.ROOT, "common-mask val loss %.4f  %s%n", v, e.getKey());
            loss.put(e.getKey(), v);
            Path bestCkpt = e.getKey().resolve("checkpoints/best.ckpt");
            if (Files.isRegularFile(bestCkpt)) {
                double b = CommonMaskLoss.score(ModelSource.resolve(bestCkpt, List.of()), ratio, seed);
                log.printf(Locale.ROOT, "common-mask val loss %.4f  %s%n", b, bestCkpt);
                best.put(e.getKey(), b);
            }
        }
        String maskNote = String.format(Locale.ROOT, "common-mask val loss: each run's last checkpoint scored on the"
                + " %s split of %s (%s images; best.ckpt too where a run has one, listed below) with the same"
                + " uniformly random masks for every run (ratio %.2f,"
                + " seed %d; image i's mask is a function of the seed and i only), each run's own norm_pix_loss.",
                first.getString("data.val_split"), first.getString("data.root"), valCount(first), ratio, seed);
        Map<String, Config> distinct = new LinkedHashMap<>();
        for (Config c : configs.values()) {
            String key = c.getConfig("data").root().render() + c.getConfig("eval").root().render()
                    + c.getConfig("model").root().render() + c.getString("runs_dir");
            distinct.putIfAbsent(key, c);
        }
        List<Comparison.Reference> refs = new ArrayList<>();
        for (Config c : distinct.values()) {
            String suffix = distinct.size() == 1 ? "" : " (" + c.getString("data.root") + ", " + c.getString("model.name")
                    + ")";
            for (KnnBaselines.Baseline b : KnnBaselines.of(c)) {
                log.printf(Locale.ROOT, "baseline %s: k-NN top-1 %.4f%s%n", b.name(), b.top1(),
                        b.cached() ? " (cached " + b.key() + ")" : "");
                refs.add(new Comparison.Reference("baseline: " + b.name() + suffix, b.top1()));
            }
        }
        String refNote = String.format(Locale.ROOT, "Baselines: the runs' k-NN protocol (k = %d, T = %s, memory = %s,"
                + " queries = %s) on raw normalised pixels, and on a randomly initialised encoder of the same shape"
                + " (seed %d, feature %s); cached in %s/baselines/.", first.getInt("eval.knn_k"),
                first.getDouble("eval.knn_t"), first.getString("data.train_split"), first.getString("data.val_split"),
                KnnBaselines.RANDOM_INIT_SEED, first.getString("eval.feature"), first.getString("runs_dir"));
        return new Comparison.Extras(loss, best, maskNote, refs, refNote);
    }

    private static String valCount(Config c) {
        int a = c.getInt("eval.max_val");
        int b = c.getInt("data.max_val");
        return a > 0 ? "at most " + a : b > 0 ? "at most " + b : "all";
    }
}
