package io.mae4j.app;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mae4j.analysis.AnalysisSettings;
import io.mae4j.classify.PatchClassifier;
import io.mae4j.config.ConfigComposer;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.SyntheticDataset;
import io.mae4j.maskeval.ClassifierLoader;
import io.mae4j.maskeval.DatasetImages;
import io.mae4j.maskeval.MaskEvalReport;
import io.mae4j.maskeval.MaskEvalRun;
import io.mae4j.maskeval.MaskEvalRunner;
import io.mae4j.maskeval.MaskEvalSettings;
import io.mae4j.maskeval.MaskEvalStats;
import io.mae4j.tensorboard.RgbImage;
import io.mae4j.util.EngineSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.mae4j.report.MaskEvalPictures;
import io.mae4j.report.MaskEvalPlots;
import io.mae4j.data.Normalization;

/**
 * The {@code mask-eval} command's work: resolve the config, open the images and the classifier
 * (through a {@link ClassifierLoader}), run {@link MaskEvalRunner} and write report.json,
 * results.csv, predictions.csv, report.md, accuracy.png, gallery.png and, with the finder on,
 * spurious.json, spurious.csv and spurious.png.
 *
 * <p>Config: when the checkpoint lies in a run folder (a {@code config.conf} in the checkpoint
 * folder itself, its parent or its grandparent), that saved config with today's defaults for keys
 * it lacks, plus the {@code key=value} arguments; otherwise configs/ composed with the arguments
 * (group choices allowed). Output: {@code out} when given, else {@code <run>/mask_eval/<images>_<drop>}
 * or {@code mask_eval/<checkpoint stem>_<images>_<drop>}.
 */
public final class MaskEvalJob {

    private MaskEvalJob() {}

    /**
     * What to evaluate.
     *
     * @param checkpoint the classifier (what the loader accepts)
     * @param images a split name of data.root or a folder of class folders; null = data.val_split
     * @param out output folder; null = the default
     * @param args config arguments ({@code mask_eval.*}, {@code analysis.*}, {@code data.*}, …)
     */
    public record Request(Path checkpoint, String images, Path out, List<String> args) {}

    /**
     * What was done.
     *
     * @param dir output folder
     * @param run the predictions
     * @param stats the statistics
     * @param summary lines for the user (the markdown report)
     */
    public record Result(Path dir, MaskEvalRun run, MaskEvalStats stats, String summary) {}

    /** Runs the evaluation and writes its folder. */
    public static Result run(Request req, ClassifierLoader loader) throws Exception {
        Path runDir = runFolderOf(req.checkpoint());
        Config c = config(runDir, req.args());
        MaskEvalSettings settings = MaskEvalSettings.from(c.getConfig("mask_eval"));
        AnalysisSettings analysis = AnalysisSettings.from(c.getConfig("analysis"));
        Config data = c.getConfig("data");
        ImageFolderDataset ds;
        String label;
        if (req.images() != null && !req.images().isEmpty() && Files.isDirectory(Path.of(req.images()))) {
            Path dir = Path.of(req.images()).toAbsolutePath().normalize();
            label = dir.getFileName().toString();
            ds = ImageFolderDataset.open(dir.getParent(), label, settings.maxImages());
        } else {
            SyntheticDataset.ensureFor(data);
            label = req.images() == null || req.images().isEmpty() ? data.getString("val_split") : req.images();
            ds = ImageFolderDataset.open(Path.of(data.getString("root")), label, settings.maxImages());
        }
        Device device = EngineSetup.start(c);
        String stem = req.checkpoint().getFileName() == null ? "classifier"
                : req.checkpoint().getFileName().toString().replaceFirst("\\.[^.]+$", "");
        String name = (label + "_" + settings.drop().key()).replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = req.out() != null ? req.out()
                : runDir != null ? runDir.resolve("mask_eval").resolve(name)
                : Path.of("mask_eval", stem.replaceAll("[^A-Za-z0-9._-]", "_") + "_" + name);
        try (NDManager manager = NDManager.newBaseManager(device)) {
            PatchClassifier clf = loader.load(req.checkpoint(), manager);
            MaskEvalRunner runner = new MaskEvalRunner(clf, settings, analysis, Normalization.from(data).mean(),
                    Normalization.from(data).std());
            MaskEvalRun run = runner.run(new DatasetImages(ds, clf.classNames()), manager, System.err::println);
            MaskEvalStats stats = MaskEvalStats.of(run, settings.bootstrap(), settings.seed());
            Map<String, Object> prov = new LinkedHashMap<>();
            prov.put("checkpoint", req.checkpoint().toAbsolutePath().toString());
            prov.put("split", ds.root().resolve(ds.split()).toString());
            prov.put("config", runDir != null ? runDir.resolve("config.conf").toString() : "configs/ (composed)");
            prov.put("overrides", String.join(" ", req.args()));
            prov.put("seed", settings.seed());
            prov.put("bootstrap", settings.bootstrap());
            prov.put("time", Instant.now().toString());
            String md = MaskEvalReport.write(run, stats, prov, dir);
            int patch = clf.backbone().config().patchSize();
            Files.write(dir.resolve("accuracy.png"), MaskEvalPlots.png(MaskEvalPlots.accuracy(stats, String.format(
                    Locale.ROOT, "Mask as prompt (%d images, drop=%s)", run.images(), run.drop().key()))));
            write(dir.resolve("gallery.png"), MaskEvalPictures.gallery(run, patch, settings.seed()));
            write(dir.resolve("spurious.png"), MaskEvalPictures.spurious(run, patch));
            Files.writeString(dir.resolve("config.conf"), c.root().render(
                    com.typesafe.config.ConfigRenderOptions.defaults().setOriginComments(false)), StandardCharsets.UTF_8);
            return new Result(dir, run, stats, md + "\nwritten to " + dir.toAbsolutePath() + "\n");
        }
    }

    /** The run folder holding the checkpoint's config.conf (the checkpoint itself, its parent or grandparent), or null. */
    static Path runFolderOf(Path checkpoint) {
        Path p = checkpoint.toAbsolutePath().normalize();
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(p)) {
            candidates.add(p);
        }
        for (Path q = p.getParent(); q != null && candidates.size() < 3; q = q.getParent()) {
            candidates.add(q);
        }
        for (Path q : candidates.subList(0, Math.min(3, candidates.size()))) {
            if (Files.isRegularFile(q.resolve("config.conf"))) {
                return q;
            }
        }
        return null;
    }

    private static Config config(Path runDir, List<String> args) throws IOException {
        ConfigComposer composer = ConfigComposer.locate();
        if (runDir == null) {
            return composer.compose(args).config();
        }
        Path file = runDir.resolve("config.conf");
        Config saved = ConfigFactory.parseString(Files.readString(file, StandardCharsets.UTF_8)).resolve();
        Config withNewKeys = saved.withoutPath("defaults")
                .withFallback(composer.compose(List.of()).config().withoutPath("defaults"));
        return composer.reopen(withNewKeys, args, file.toString()).config();
    }

    private static void write(Path file, RgbImage img) throws IOException {
        if (img != null) {
            Files.write(file, img.toPng());
        }
    }
}
