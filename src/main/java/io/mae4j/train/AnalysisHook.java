package io.mae4j.train;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import io.mae4j.analysis.AnalysisReport;
import io.mae4j.analysis.AnalysisResult;
import io.mae4j.analysis.AnalysisSettings;
import io.mae4j.analysis.InterrelationAnalyzer;
import io.mae4j.analysis.ProbeSet;
import io.mae4j.data.DatasetException;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import io.mae4j.data.DataSettings;

/**
 * The patch interrelation analysis during pre-training: every {@code analysis.every} epochs (and
 * after the last one; 0 = never) the current encoder is measured on a fixed probe set, the first
 * {@code analysis.num_images} class-balanced images of {@code data.val_split} with the evaluation
 * transform (the images {@code analyze images=<val split>} takes), decoded and SIFT-counted once
 * when the run starts.
 *
 * <p>Each analysis writes {@code <run>/analysis/epoch_XXXX/} (XXXX = epochs done, as the
 * checkpoints count them): {@code report.json}, the CSV files of {@link AnalysisReport} and the
 * figures its caller draws ({@link AnalysisFigures}) as PNG. The caller sends {@link Outcome#result()}'s scalars and
 * {@link Outcome#figures()} to TensorBoard and {@link Outcome#logLine} to train.log.
 *
 * <p>The analysis only reads the model (inference forward, no engine RNG, no data-loader RNG), and
 * all its arrays live in a sub-manager closed before it returns: training is unchanged and memory
 * stays flat.
 */
final class AnalysisHook {

    private final AnalysisSettings settings;
    private final ProbeSet probes;
    private final String probeLabel;
    private final String modelName;
    private final double prepareSeconds;
    private final AnalysisFigures figures;

    private AnalysisHook(AnalysisSettings settings, ProbeSet probes, String probeLabel, String modelName,
            double prepareSeconds, AnalysisFigures figures) {
        this.settings = settings;
        this.probes = probes;
        this.probeLabel = probeLabel;
        this.modelName = modelName;
        this.prepareSeconds = prepareSeconds;
        this.figures = figures;
    }

    /**
     * Reads {@code analysis.*} and, when the analysis is on, prepares the probe set (decode, centre
     * crop, SIFT, t_j).
     *
     * @param c the resolved run config ({@code analysis.*}, {@code model.name})
     * @param data the run's data section (probe images from its validation split)
     * @param model the model's configuration (input and patch size)
     * @param figures draws the figures of each analysis
     * @throws DatasetException when the analysis is on and {@code data.val_split} cannot be read
     * @throws IllegalArgumentException when {@code analysis.layers} names a layer beyond the depth
     */
    static AnalysisHook open(Config c, DataSettings data, MaeConfig model, AnalysisFigures figures) {
        AnalysisSettings s = AnalysisSettings.from(c.getConfig("analysis"));
        String modelName = c.getString("model.name");
        if (s.every() == 0) {
            return new AnalysisHook(s, null, "", modelName, 0, figures);
        }
        s.thetaBarLayers(model.depth()); // a wrong analysis.layers fails now, not after the first epoch
        long t0 = System.nanoTime();
        String split = data.valSplit();
        ImageFolderDataset ds;
        try {
            ds = data.open(split, s.numImages());
        } catch (DatasetException e) {
            throw new DatasetException(e.getMessage() + " (analysis.every = " + s.every() + " takes its probe images"
                    + " from data.val_split; set analysis.every=0 to train without the analysis)", e);
        }
        ProbeSet probes = ProbeSet.fromDataset(ds, s.numImages(), model.imgSize(), model.patchSize(),
                data.normalization().mean(), data.normalization().std(), s.sift());
        String label = String.format(Locale.ROOT, "%s (first %d, class-balanced)", split, probes.size());
        return new AnalysisHook(s, probes, label, modelName, (System.nanoTime() - t0) / 1e9, figures);
    }

    /** Whether an analysis is due after the 0-based {@code epoch} of {@code epochs}. */
    boolean due(int epoch, int epochs) {
        return probes != null && settings.due(epoch, epochs);
    }

    /** One line for train.log on the probe set; "" when the analysis is off. */
    String describe() {
        if (probes == null) {
            return "";
        }
        return String.format(Locale.ROOT, "analysis every %d epochs on %d probe images of %s (prepared in %.2f s)",
                settings.every(), probes.size(), probeLabel, prepareSeconds);
    }

    /** The folder of the analysis after {@code epochsDone} epochs. */
    static Path folder(Path runDir, int epochsDone) {
        return runDir.resolve("analysis").resolve(String.format(Locale.ROOT, "epoch_%04d", epochsDone));
    }

    /**
     * Analyses the model after the 0-based {@code epoch} and writes the epoch's folder.
     *
     * @param globalStep iterations done (recorded in report.json)
     * @param root the training manager; a sub-manager of it holds the analysis' arrays
     */
    Outcome run(MaeModel model, int epoch, long globalStep, Path runDir, NDManager root) throws IOException {
        if (probes == null) {
            throw new IllegalStateException("analysis.every = 0: the analysis is off");
        }
        long t0 = System.nanoTime();
        AnalysisResult r;
        try (NDManager sub = root.newSubManager()) {
            r = new InterrelationAnalyzer(settings).analyze(model, probes, sub);
        }
        Map<String, byte[]> pngs = figures.pngs(r);
        Path dir = folder(runDir, epoch + 1);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", "training");
        prov.put("run", runDir.toAbsolutePath().toString());
        prov.put("epoch", epoch + 1);
        prov.put("global_step", globalStep);
        prov.put("model", modelName);
        prov.put("img_size", probes.imgSize());
        prov.put("patch_size", probes.patchSize());
        prov.put("probe_images", probeLabel);
        prov.put("time", Instant.now().toString());
        AnalysisReport.write(r, prov, dir);
        for (Map.Entry<String, byte[]> f : pngs.entrySet()) {
            Files.write(dir.resolve(f.getKey() + ".png"), f.getValue());
        }
        Map<String, byte[]> all = new LinkedHashMap<>(pngs);
        all.putAll(figures.runPngs(runDir)); // over every analysis so far, this one included (stage emergence)
        return new Outcome(epoch, r, all, dir, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * One analysis.
     *
     * @param epoch 0-based epoch after which it ran
     * @param result the measurements
     * @param figures PNG bytes by name (theta_layers, focus_layers, stages when stages exist, heatmaps)
     * @param dir the folder written
     * @param seconds wall time of measures, figures and files together
     */
    record Outcome(int epoch, AnalysisResult result, Map<String, byte[]> figures, Path dir, double seconds) {

        /**
         * For train.log, e.g. {@code analysis epoch 5: θ_KK−θ_NK mean 0.1234 over 6 layers, stages
         * 1-2|3-4|5-6, signature holds: no, 1.31 s (measures 0.92 s) -> analysis/epoch_0005}.
         */
        String logLine() {
            double[] gap = result.series("gap");
            double sum = 0;
            int n = 0;
            for (double g : gap) {
                if (Double.isFinite(g)) {
                    sum += g;
                    n++;
                }
            }
            String mean = n == 0 ? "undefined" : String.format(Locale.ROOT, "%.4f", sum / n);
            String stages;
            String holds;
            if (result.stages() == null) {
                stages = String.format(Locale.ROOT, "stages n/a (%d layers, need %d)", result.numLayers(),
                        3 * result.settings().stageMinLayers());
                holds = "n/a";
            } else {
                stages = "stages " + String.join("|", result.stages().stages().stream()
                        .map(s -> s.firstLayer() + "-" + s.lastLayer()).toList());
                holds = result.stages().signatureHolds() ? "yes" : "no";
            }
            String verdict = result.stages() != null && !result.stages().identifiable()
                    ? "stages not identifiable at depth " + result.numLayers() : "signature holds: " + holds;
            return String.format(Locale.ROOT, "analysis epoch %d: θ_KK−θ_NK mean %s over %d layers, %s,"
                    + " %s, %.2f s (measures %.2f s) -> %s", epoch + 1, mean, n, stages, verdict,
                    seconds, result.seconds(), dir.getParent().getFileName().resolve(dir.getFileName()));
        }
    }
}
