package io.mae4j.classify;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import io.mae4j.config.ComposedConfig;
import io.mae4j.tensorboard.EventFileWriter;
import io.mae4j.tensorboard.Summaries;
import io.mae4j.tensorboard.SummaryWriter;
import io.mae4j.train.ModelSource;
import io.mae4j.train.RunFolder;
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
     * @param history one row per epoch
     */
    public record Result(Path runDir, List<ClassifierEpoch> history) {

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
        ModelSource src = ModelSource.resolve(req.checkpoint(), req.args());
        Config c = src.config();
        HeadKind kind = req.kind();
        ClassifierSettings s = ClassifierSettings.from(c, kind);
        long seed = c.getLong("seed");
        EngineSetup.start(c.getInt("runtime.threads"), c.getInt("runtime.interop_threads"));
        String name = c.getString("name") + "_" + kind.configName();
        List<String> overrides = new ArrayList<>();
        overrides.add("checkpoint=" + req.checkpoint());
        overrides.addAll(req.args());
        String rendered = new ComposedConfig(c, Map.of(), overrides, name).render();
        ClassifierData data = ClassifierData.open(c, src.modelConfig().imgSize(), seed);
        RunFolder folder = RunFolder.create(Path.of(c.getString("runs_dir")), name);
        folder.writeProvenance(rendered, overrides, seed,
                RunFolder.sha256(data.train().fingerprint() + ":" + data.val().fingerprint()));
        List<ClassifierEpoch> history = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager()) {
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
                Loop loop = new Loop(clf, s, data, trainer, folder, tb, c.getInt("tensorboard.log_every"), seed, source);
                train(loop, root, history);
            }
        }
        return new Result(folder.dir(), history);
    }

    /** What the epoch loop works with. */
    private record Loop(Classifier clf, ClassifierSettings s, ClassifierData data, ClassifierTrainer trainer,
            RunFolder folder, SummaryWriter tb, int logEvery, long seed, String source) {}

    private static void train(Loop l, NDManager root, List<ClassifierEpoch> history) throws IOException {
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
        long step = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            long t0 = System.nanoTime();
            ClassifierTrainer.EpochSummary sum = trainCache != null
                    ? l.trainer().trainEpoch(epoch, trainCache, l.seed(), step, l.tb(), l.logEvery())
                    : l.trainer().trainEpoch(epoch, l.data().trainBatches(s.batchSize(), epoch),
                            l.data().itersPerEpoch(s.batchSize()), step, l.tb(), l.logEvery());
            step = sum.globalStep();
            ClassifierTrainer.Evaluation ev = null;
            if (s.evalDue(epoch)) {
                ev = valCache != null ? l.trainer().evaluate(valCache) : l.trainer().evaluate(l.data().valBatches(s.batchSize()));
            }
            ClassifierEpoch row = new ClassifierEpoch(epoch, step, sum.meanLoss(), sum.lastLr(), sum.imgPerSec(),
                    ev == null ? Double.NaN : ev.loss(), ev == null ? Double.NaN : ev.top1(),
                    ev == null ? Double.NaN : ev.top5(), (System.nanoTime() - t0) / 1e9);
            Path ckpts = l.folder().checkpoints();
            ClassifierCheckpoint.save(ckpts.resolve("last.ckpt"), l.clf(), epoch + 1, row.top1(), l.source());
            if (ev != null && ev.top1() > best) {
                best = ev.top1();
                ClassifierCheckpoint.save(ckpts.resolve("best.ckpt"), l.clf(), epoch + 1, row.top1(), l.source());
            }
            appendMetrics(l.folder(), row);
            history.add(row);
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
