package io.mae4j.classify;

import io.mae4j.data.ImageFolderDataset;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import io.mae4j.config.ComposedConfig;
import io.mae4j.device.Host;
import io.mae4j.tensorboard.EventFileWriter;
import io.mae4j.tensorboard.Summaries;
import io.mae4j.tensorboard.SummaryWriter;
import io.mae4j.run.ModelSource;
import io.mae4j.run.ResumeConfig;
import io.mae4j.run.RunFolder;
import io.mae4j.util.EngineSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code linprobe} or {@code finetune} run: loads the backbone through {@link ModelSource} (run
 * folder, {@code .ckpt}, or official / timm weights with {@code model=<preset>}), puts a head on
 * it, trains on {@code data.train_split}, evaluates top-1 / top-5 on {@code data.val_split}, and
 * writes {@code runs/<name>_<kind>/<time>/}: config.conf, overrides.txt, run.json, train.log,
 * metrics.csv ({@link ClassifierEpoch#HEADER}), TensorBoard events, {@code checkpoints/last.ckpt}
 * (every epoch) and {@code checkpoints/best.ckpt} (best top-1), both {@link ClassifierCheckpoint}s.
 */
public final class ClassifierJob {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierJob.class);

    /**
     * What to run.
     *
     * @param kind linear probe or fine-tune
     * @param checkpoint the backbone: run folder, .ckpt or weights file
     * @param args {@code model=<preset>} (weights only) and {@code key=value} overrides
     */
    public record Request(HeadKind kind, Path checkpoint, List<String> args) {}

    /**
     * What a run did.
     *
     * @param runDir the run folder
     * @param history one row per epoch, including those done before a resume
     * @param note a line for the console when the run had nothing to do (a finished run resumed
     *     without more epochs), else empty
     */
    public record Result(Path runDir, List<ClassifierEpoch> history, String note) {

        /** The last measured top-1, NaN if none. */
        public double lastTop1() {
            for (int i = history.size() - 1; i >= 0; i--) {
                if (!Double.isNaN(history.get(i).top1())) {
                    return history.get(i).top1();
                }
            }
            return Double.NaN;
        }
    }

    private ClassifierJob() {}

    /** Runs the request to its configured epochs. */
    public static Result run(Request req) throws IOException {
        return run(req, Integer.MAX_VALUE);
    }

    /**
     * Runs the request but returns after {@code stopAfter} epochs, leaving the folder as a run
     * killed right after that epoch's checkpoint would (the test seam for resume).
     */
    static Result run(Request req, int stopAfter) throws IOException {
        ModelSource src = ModelSource.resolve(req.checkpoint(), req.args());
        Config c = src.config();
        HeadKind kind = req.kind();
        ClassifierSettings s = ClassifierSettings.from(c, kind);
        long seed = c.getLong("seed");
        Device device = EngineSetup.start(c); // before the run folder exists: a GPU not seen is refused here
        String name = c.getString("name") + "_" + kind.configName();
        List<String> overrides = new ArrayList<>();
        overrides.add("checkpoint=" + req.checkpoint());
        overrides.addAll(req.args());
        String rendered = new ComposedConfig(c, Map.of(), overrides, name).render();
        ClassifierData data = ClassifierData.open(c, src.modelConfig().imgSize(), seed);
        RunFolder folder = RunFolder.create(Path.of(c.getString("runs_dir")), name);
        folder.writeProvenance(rendered, overrides, seed,
                ImageFolderDataset.fingerprint(data.train(), data.val()));
        List<ClassifierEpoch> history = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager(device)) {
            ModelSource.Loaded loaded = src.load(root);
            Engine.getInstance().setRandomSeed((int) seed);
            Classifier clf = Classifier.create(loaded.model(), kind, s.feature(), data.classNames(), root);
            String source = src.kind() + " " + src.file();
            say(folder, loaded.description());
            say(folder, data.describe());
            say(folder, String.format(Locale.ROOT, "%s: feature %s, %d epochs, batch %d, peak lr %.3e, weight decay %s,"
                    + " layer decay %s, smoothing %s%s; %d trainable tensors", kind.configName(), s.feature().configName(),
                    s.epochs(), s.batchSize(), s.peakLr(), s.weightDecay(), s.layerDecay(), s.smoothing(),
                    s.cacheFeatures() ? ", cached features" : "", clf.trainableParameters().size()));
            LOG.info("run folder: {}", folder.dir().toAbsolutePath());
            boolean tbOn = c.getBoolean("tensorboard.enabled");
            try (SummaryWriter tb = tbOn ? EventFileWriter.open(folder.dir(),
                    Duration.ofMillis(Math.round(c.getDouble("tensorboard.flush_seconds") * 1000))) : null;
                    ClassifierTrainer trainer = new ClassifierTrainer(clf, s, root)) {
                if (tb != null) {
                    tb.addText("config", Summaries.codeBlock(rendered), 0);
                }
                Loop loop = new Loop(clf, s, data, trainer, folder, tb, c.getInt("tensorboard.log_every"), seed, source,
                        stopAfter);
                train(loop, root, new Start(0, 0, Double.NEGATIVE_INFINITY), history);
            }
        }
        return new Result(folder.dir(), history, "");
    }

    /**
     * Continues a stopped {@code linprobe} / {@code finetune} run from its {@code
     * checkpoints/last.ckpt}: weights, BatchNorm statistics, optimizer state, lr schedule position,
     * best top-1 and the metrics history; the run's saved config.conf with {@code args} ({@code
     * key=value}) over it (e.g. {@code finetune.epochs=20} to train longer). metrics.csv is rewritten
     * from the checkpoint's history (so every epoch appears once), train.log is appended to. A
     * cached linear probe recomputes its feature table (the frozen encoder gives the same features).
     *
     * @param kind the recipe the run must have been started with
     * @param runDir the run folder a linprobe / finetune run printed
     * @param args {@code key=value} overrides
     * @throws IOException naming the folder or file when it is no resumable classifier run
     */
    public static Result resume(HeadKind kind, Path runDir, List<String> args) throws IOException {
        RunFolder folder = RunFolder.open(runDir);
        Path file = folder.lastCheckpoint();
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot resume " + runDir + ": it has no checkpoints/last.ckpt (the run stopped before"
                    + " its first epoch ended); start it again instead");
        }
        ClassifierCheckpoint.Resumable.Header header;
        try {
            header = ClassifierCheckpoint.readHeader(file);
        } catch (IOException e) {
            throw new IOException("cannot resume " + runDir + " as a " + kind.configName() + " run: " + e.getMessage(), e);
        }
        String was = header.meta().kind();
        if (!was.equals(kind.configName())) {
            throw new IllegalArgumentException(runDir + " is a " + was + " run, not " + kind.configName()
                    + ": resume it with `" + was + " --resume " + runDir + "`");
        }
        ResumeConfig rc = ResumeConfig.load(folder, args);
        Config c = rc.config();
        ClassifierSettings s = ClassifierSettings.from(c, kind);
        if (!s.feature().configName().equals(header.meta().feature())) {
            throw new IllegalArgumentException(kind.configName() + ".feature = " + s.feature().configName()
                    + " but " + file + " was trained on feature " + header.meta().feature()
                    + ": a resumed run keeps its feature; start a new run to change it");
        }
        ClassifierProgress progress = header.progress();
        List<ClassifierEpoch> history = new ArrayList<>(progress.history());
        int done = progress.epochsDone();
        if (done >= s.epochs()) {
            String note = String.format(Locale.ROOT, "%s has finished: %d of %d epochs done; nothing to resume"
                    + " (pass %s.epochs=N with N > %d to train longer)", runDir, done, s.epochs(), kind.configName(), done);
            LOG.info(note);
            return new Result(folder.dir(), history, note);
        }
        long seed = c.getLong("seed");
        Device device = EngineSetup.start(c);
        ClassifierData data = ClassifierData.open(c, header.meta().model().imgSize(), seed);
        if (!data.classNames().equals(header.meta().classNames())) {
            throw new IOException("cannot resume " + runDir + ": " + file + " has classes " + header.meta().classNames()
                    + " but data.train_split now has " + data.classNames() + "; check data.root");
        }
        rewriteMetrics(folder, history);
        try (NDManager root = NDManager.newBaseManager(device)) {
            ClassifierCheckpoint.Resumable ck = ClassifierCheckpoint.readResumable(file, root);
            Classifier clf = ck.loaded().classifier();
            say(folder, String.format(Locale.ROOT, "resumed from %s after epoch %d of %d (step %d)%s", file, done,
                    s.epochs(), progress.globalStep(), s.cacheFeatures() ? "; recomputing the cached features" : ""));
            boolean tbOn = c.getBoolean("tensorboard.enabled");
            try (SummaryWriter tb = tbOn ? EventFileWriter.open(folder.dir(),
                    Duration.ofMillis(Math.round(c.getDouble("tensorboard.flush_seconds") * 1000))) : null;
                    ClassifierTrainer trainer = new ClassifierTrainer(clf, s, root);
                    NDList state = ck.optimizer()) {
                trainer.loadOptimizerState(state);
                if (tb != null) {
                    tb.addText("config", Summaries.codeBlock(rc.rendered()), done);
                }
                Loop loop = new Loop(clf, s, data, trainer, folder, tb, c.getInt("tensorboard.log_every"), seed,
                        header.meta().source(), Integer.MAX_VALUE);
                train(loop, root, new Start(done, progress.globalStep(), progress.bestTop1()), history);
            }
        }
        return new Result(folder.dir(), history, "");
    }

    /** Where the epoch loop starts: next epoch, global step, best top-1 so far. */
    private record Start(int epoch, long step, double best) {}

    /** What the epoch loop works with. */
    private record Loop(Classifier clf, ClassifierSettings s, ClassifierData data, ClassifierTrainer trainer,
            RunFolder folder, SummaryWriter tb, int logEvery, long seed, String source, int stopAfter) {}

    private static void train(Loop l, NDManager root, Start start, List<ClassifierEpoch> history) throws IOException {
        ClassifierSettings s = l.s();
        boolean probe = s.kind() == HeadKind.LINPROBE;
        FeatureTable trainCache = null;
        FeatureTable valCache = null;
        if (probe) { // the frozen encoder gives every validation image one feature: compute it once
            valCache = FeatureTable.compute(l.clf(), l.data().valBatches(s.batchSize()), l.data().val().size(), root);
            if (s.cacheFeatures()) {
                say(l.folder(), "computing the frozen features of " + l.data().train().size() + " training images"
                        + " (evaluation transform, no augmentation)");
                trainCache = FeatureTable.compute(l.clf(), l.data().trainEvalBatches(s.batchSize()),
                        l.data().train().size(), root);
            }
        }
        long step = start.step();
        double best = start.best();
        for (int epoch = start.epoch(); epoch < Math.min(s.epochs(), l.stopAfter()); epoch++) {
            long t0 = System.nanoTime();
            ClassifierTrainer.EpochSummary sum = trainCache != null
                    ? l.trainer().trainEpoch(epoch, trainCache, l.seed(), step, l.tb(), l.logEvery())
                    : l.trainer().trainEpoch(epoch, l.data().trainBatches(s.batchSize(), epoch),
                            l.data().itersPerEpoch(s.batchSize()), step, l.tb(), l.logEvery());
            step = sum.globalStep();
            ClassifierTrainer.Evaluation ev = null;
            if (s.evalDue(epoch)) {
                ev = valCache != null ? l.trainer().evaluate(valCache) : l.trainer().evaluate(l.data().valBatches(s.batchSize()));
                Host.releaseCached(root.getDevice()); // evaluation's batch shapes differ from training's (GPU only)
            }
            ClassifierEpoch row = new ClassifierEpoch(epoch, step, sum.meanLoss(), sum.lastLr(), sum.imgPerSec(),
                    ev == null ? Double.NaN : ev.loss(), ev == null ? Double.NaN : ev.top1(),
                    ev == null ? Double.NaN : ev.top5(), (System.nanoTime() - t0) / 1e9);
            Path ckpts = l.folder().checkpoints();
            boolean improved = ev != null && ev.top1() > best;
            if (improved) {
                best = ev.top1();
            }
            history.add(row);
            try (NDList state = l.trainer().optimizerState()) { // last.ckpt first: a kill after it loses nothing
                ClassifierCheckpoint.save(ckpts.resolve("last.ckpt"), l.clf(), epoch + 1, row.top1(), l.source(), state,
                        new ClassifierProgress(step, best, history));
            }
            if (improved) {
                ClassifierCheckpoint.save(ckpts.resolve("best.ckpt"), l.clf(), epoch + 1, row.top1(), l.source());
            }
            appendMetrics(l.folder(), row);
            if (l.tb() != null) {
                l.tb().addScalar("train/epoch_loss", row.trainLoss(), epoch);
                if (ev != null) {
                    l.tb().addScalar("eval/top1", ev.top1(), epoch);
                    l.tb().addScalar("eval/loss", ev.loss(), epoch);
                    if (!Double.isNaN(ev.top5())) {
                        l.tb().addScalar("eval/top5", ev.top5(), epoch);
                    }
                }
                l.tb().flush();
            }
            say(l.folder(), row.logLine(s.epochs()));
        }
    }

    /** metrics.csv as the checkpoint knows it: a row logged after the last checkpoint is dropped. */
    private static void rewriteMetrics(RunFolder folder, List<ClassifierEpoch> history) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(ClassifierEpoch.HEADER);
        history.forEach(r -> lines.add(r.csvRow()));
        Files.write(folder.dir().resolve("metrics.csv"), lines, StandardCharsets.UTF_8);
    }

    private static void appendMetrics(RunFolder folder, ClassifierEpoch row) throws IOException {
        Path csv = folder.dir().resolve("metrics.csv");
        if (!Files.exists(csv)) {
            Files.writeString(csv, ClassifierEpoch.HEADER + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        Files.writeString(csv, row.csvRow() + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static void say(RunFolder folder, String line) throws IOException {
        folder.log(line);
        LOG.info(line);
    }
}
