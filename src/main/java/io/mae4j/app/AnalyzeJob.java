package io.mae4j.app;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import io.mae4j.analysis.AnalysisReport;
import io.mae4j.analysis.AnalysisResult;
import io.mae4j.analysis.AnalysisSettings;
import io.mae4j.analysis.InterrelationAnalyzer;
import io.mae4j.analysis.LayerSummary;
import io.mae4j.analysis.ProbeImage;
import io.mae4j.analysis.ProbeSet;
import io.mae4j.analysis.ProbeSource;
import io.mae4j.analysis.Stage;
import io.mae4j.model.MaeConfig;
import io.mae4j.sift.KeypointOverlay;
import io.mae4j.run.ModelSource;
import io.mae4j.util.EngineSetup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.mae4j.report.AnalysisPlots;
import io.mae4j.report.StageEmergence;
import io.mae4j.data.Normalization;

/**
 * The {@code analyze} command's work: load a model (run, checkpoint or weights; see {@link
 * ModelSource}), prepare the probe images ({@link ProbeSource}), run the {@link
 * InterrelationAnalyzer} and write {@code report.json}, the CSV files, the plots and SIFT overlays
 * of the first four probe images ({@code sift/}).
 *
 * <p>Output folder: {@code out} when given; else {@code <run>/analysis/<name>/} for a run or
 * checkpoint and {@code analysis/<name>/} under the working directory for a weights file. The
 * default name is {@code <checkpoint or weights file stem>_<images label>}.
 */
public final class AnalyzeJob {

    /** SIFT overlays written (Fig. 3 check pictures). */
    static final int OVERLAYS = 4;

    private AnalyzeJob() {}

    /**
     * What to analyse.
     *
     * @param checkpoint run folder, .ckpt or weights file
     * @param images probe folder or split name; null = data.val_split
     * @param name output folder name; null = derived
     * @param out output folder; null = the default location
     * @param args group choices (weights only) and key=value overrides
     */
    public record Request(Path checkpoint, String images, String name, Path out, List<String> args) {}

    /**
     * What was done.
     *
     * @param dir the output folder
     * @param result the measurements
     * @param summary the lines printed for the user
     */
    public record Result(Path dir, AnalysisResult result, List<String> summary) {}

    /** Runs the analysis and writes its folder. */
    public static Result run(Request req) throws Exception {
        ModelSource src = ModelSource.resolve(req.checkpoint(), req.args());
        Config c = src.config();
        AnalysisSettings settings = AnalysisSettings.from(c.getConfig("analysis"));
        MaeConfig cfg = src.modelConfig();
        ProbeSource images = ProbeSource.resolve(req.images(), c.getConfig("data"), settings.numImages());
        ProbeSet probes = ProbeSet.fromFiles(images.files(), cfg.imgSize(), cfg.patchSize(),
                Normalization.from(c.getConfig("data")).mean(), Normalization.from(c.getConfig("data")).std(), settings.sift());
        Device device = EngineSetup.start(c);
        String stem = src.file().getFileName().toString().replaceFirst("\\.[^.]+$", "");
        String name = req.name() != null ? req.name() : (stem + "_" + images.label()).replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = req.out() != null ? req.out()
                : src.runDir() != null ? src.runDir().resolve("analysis").resolve(name) : Path.of("analysis", name);
        try (NDManager manager = NDManager.newBaseManager(device)) {
            ModelSource.Loaded loaded = src.load(manager);
            AnalysisResult r = new InterrelationAnalyzer(settings).analyze(loaded.model(), probes, manager);
            Map<String, Object> prov = new LinkedHashMap<>();
            prov.put("source", src.kind());
            prov.put("checkpoint", src.file().toAbsolutePath().toString());
            prov.put("loaded", loaded.description());
            prov.put("model", c.getString("model.name"));
            prov.put("img_size", cfg.imgSize());
            prov.put("patch_size", cfg.patchSize());
            prov.put("probe_images", images.label());
            java.util.regex.Matcher epoch = java.util.regex.Pattern.compile("^epoch-(\\d+)$").matcher(stem);
            if (epoch.matches()) {
                prov.put("epoch", Integer.parseInt(epoch.group(1)));
            }
            prov.put("time", Instant.now().toString());
            AnalysisReport.write(r, prov, dir);
            AnalysisPlots.writeAll(r, dir);
            for (int i = 0; i < Math.min(OVERLAYS, probes.size()); i++) {
                ProbeImage p = probes.images().get(i);
                KeypointOverlay.write(dir.resolve("sift").resolve(String.format(Locale.ROOT, "%02d_%s.png", i,
                        p.name().replaceFirst("\\.[^.]+$", "").replaceAll("[^A-Za-z0-9._-]", "_"))), p.input(),
                        p.keypoints(), cfg.patchSize());
            }
            List<String> lines = summary(r, loaded.description(), dir);
            if (src.runDir() != null && dir.startsWith(src.runDir().resolve("analysis"))
                    && StageEmergence.write(src.runDir()) != null) {
                lines.add("stage emergence over the run's analysed epochs: "
                        + src.runDir().resolve("analysis").resolve(StageEmergence.FILE).toAbsolutePath());
            }
            return new Result(dir, r, lines);
        }
    }

    /** One line per layer, then the stages. */
    static List<String> summary(AnalysisResult r, String loaded, Path dir) {
        List<String> out = new ArrayList<>();
        out.add(loaded);
        out.add(String.format(Locale.ROOT, "%d probe images, %d layers, %d heads, N = %d; %.1f s", r.numImages(),
                r.numLayers(), r.raw().heads(), r.patches(), r.seconds()));
        out.add("layer  theta_KK  theta_NK     gap  focus/lnN  Wilcoxon p  r_rb");
        for (LayerSummary l : r.layers()) {
            out.add(String.format(Locale.ROOT, "%5d  %8.4f  %8.4f  %6.4f  %9.4f  %10.3g  %5.2f", l.layer(), l.kk().mean(),
                    l.nk().mean(), l.gap(), l.focusNormalised().mean(), l.test().pValue(), l.test().rankBiserial()));
        }
        if (r.stages() == null) {
            out.add("stages: need at least " + 3 * r.settings().stageMinLayers() + " layers");
        } else {
            StringBuilder sb = new StringBuilder("stages:");
            for (Stage s : r.stages().stages()) {
                sb.append(' ').append(s.name()).append(' ').append(s.firstLayer()).append('-').append(s.lastLayer());
            }
            if (!r.stages().identifiable()) {
                out.add(sb.append("; ").append(r.stages().notIdentifiable()).toString());
            } else {
                out.add(sb.append("; paper's signature ").append(r.stages().signatureHolds() ? "holds" : "does not hold: ")
                        .append(r.stages().signatureHolds() ? "" : failed(r)).toString());
            }
        }
        out.add("written to " + dir.toAbsolutePath());
        return out;
    }

    private static String failed(AnalysisResult r) {
        List<String> f = new ArrayList<>();
        r.stages().signature().forEach((k, v) -> {
            if (!v) {
                f.add(k);
            }
        });
        return String.join(", ", f) + " fail";
    }
}
