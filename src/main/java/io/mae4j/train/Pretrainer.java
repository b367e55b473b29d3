package io.mae4j.train;

import ai.djl.Device;
import io.mae4j.run.NonFiniteStateException;
import io.mae4j.run.FiniteCheck;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.typesafe.config.Config;
import io.mae4j.device.Host;
import io.mae4j.device.RuntimeSettings;
import io.mae4j.mask.MaskResults;
import io.mae4j.mask.MaskStrategy;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.tensorboard.RunStatus;
import io.mae4j.util.EngineSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.mae4j.run.CheckpointMeta;
import io.mae4j.run.Checkpoints;
import io.mae4j.run.EpochStats;
import io.mae4j.run.InitWeights;
import io.mae4j.run.ModelSettings;
import io.mae4j.run.RunFolder;
import io.mae4j.optim.AdamW;
import io.mae4j.optim.ParamEntry;
import io.mae4j.data.DataSettings;
import io.mae4j.data.PretrainData;
import io.mae4j.eval.EvalSettings;
import io.mae4j.eval.KnnProbe;

/**
 * Runs (or resumes) one MAE pre-training run: the official {@code main_pretrain.py} on DJL.
 * Writes the run folder (config, provenance, metrics.csv, train.log, checkpoints, TensorBoard
 * events, the interrelation analyses of {@link AnalysisHook} under analysis/) and returns the
 * per-epoch history.
 */
public final class Pretrainer {

    private static final Logger LOG = LoggerFactory.getLogger(Pretrainer.class);

    /**
     * What to run.
     *
     * @param config the resolved config
     * @param renderedConfig the resolved config as HOCON text (saved as config.conf)
     * @param overrides the arguments it was composed from
     * @param folder the run folder
     * @param resume continue from the folder's last checkpoint
     * @param figures draws the figures of the interrelation analyses ({@code analysis.every})
     */
    public record Request(Config config, String renderedConfig, List<String> overrides, RunFolder folder,
            boolean resume, AnalysisFigures figures) {}

    /**
     * What a run did.
     *
     * @param runDir the run folder
     * @param history every epoch in metrics.csv, including those done before a resume
     */
    public record Result(Path runDir, List<EpochStats> history) {

        /** The last k-NN top-1 accuracy measured, NaN if none. */
        public double lastKnnTop1() {
            for (int i = history.size() - 1; i >= 0; i--) {
                if (!Double.isNaN(history.get(i).knnTop1())) {
                    return history.get(i).knnTop1();
                }
            }
            return Double.NaN;
        }
    }

    private Pretrainer() {}

    /**
     * Checks the settings a run reads before it starts, so that a bad value fails before any run
     * folder is written: model shape, {@code train.*}, {@code eval.*} and a mask ratio that removes
     * at least one and keeps at least one patch.
     *
     * @throws IllegalArgumentException naming the key, its value and what it must be
     */
    public static void validate(Config c) {
        MaeConfig modelCfg = ModelSettings.from(c.getConfig("model"));
        TrainSettings.from(c.getConfig("train"));
        EvalSettings.from(c.getConfig("eval"));
        double ratio = c.getDouble("mask.mask_ratio");
        int n = modelCfg.numPatches();
        if (MaskResults.lenKeep(n, ratio) >= n) {
            throw new IllegalArgumentException("mask.mask_ratio = " + ratio + " removes no patch out of " + n
                    + ", and the MAE loss is computed on removed patches: set it in (0, 1), e.g. mask.mask_ratio=0.75");
        }
    }

    /**
     * Runs the request to the configured number of epochs. A fresh run whose set-up fails (settings,
     * data, θ cache, initial weights) leaves no run folder behind; once training has started,
     * train.log says why the run stopped.
     */
    public static Result run(Request req) throws IOException {
        RunFolder folder = req.folder();
        try (var lock = folder.lock()) {
            return runLocked(req);
        } catch (IOException | RuntimeException | Error e) {
            if (!req.resume()) {
                folder.discardIfUnstarted();
            }
            throw e;
        }
    }

    private static Result runLocked(Request req) throws IOException {
        Config c = req.config();
        validate(c);
        long seed = c.getLong("seed");
        RuntimeSettings rt = RuntimeSettings.from(c);
        Device device = EngineSetup.start(rt); // every array of the run lives on it (root manager below)
        MaeConfig modelCfg = ModelSettings.from(c.getConfig("model"));
        TrainSettings ts = TrainSettings.from(c.getConfig("train"));
        EvalSettings es = EvalSettings.from(c.getConfig("eval"));
        RunFolder folder = req.folder();
        String digest = RunFolder.sha256(req.renderedConfig());

        DataSettings ds = DataSettings.from(c.getConfig("data"));
        try (PretrainData data = PretrainData.open(ds, es.knnSplits(), modelCfg.imgSize(), seed);
                NDManager root = NDManager.newBaseManager(device)) {
            MaskStrategyLoader.Masking masking = MaskStrategyLoader.masking(c, data.train());
            MaskStrategy mask = masking.strategy();
            Engine.getInstance().setRandomSeed((int) seed);
            MaeModel model = new MaeModel(modelCfg);
            model.initialize(root);
            LinkedHashMap<String, Parameter> params = model.officialParameters();
            // the optimizer keeps its moments in a manager of its own: closed with the run
            try (AdamW optimizer = new AdamW(ParamEntry.all(params), ts.weightDecay(), ts.beta1(), ts.beta2(),
                    AdamW.DEFAULT_EPS)) {
                optimizer.fusedUpdate(ts.fusedAdamw());
                CheckpointMeta position =
                        new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, 0, 0, 0, seed, digest, Double.NaN);
                String init = c.getString("model.init_weights");
                String initLine = !req.resume() && !init.isEmpty() ? InitWeights.apply(Path.of(init), model, root) : "";
                if (req.resume()) {
                    position = restore(folder, params, optimizer, root);
                }
                EpochRunner runner = new EpochRunner(model, optimizer, mask, ts, seed, root);
                KnnProbe probe = new KnnProbe(model, es, root);
                AnalysisHook analysis = AnalysisHook.open(c, ds, modelCfg, req.figures());
                TensorBoardSettings tbs = TensorBoardSettings.from(c.getConfig("tensorboard"));
                ReconstructionPreview preview = tbs.enabled() && tbs.imagesEvery() > 0
                        ? new ReconstructionPreview(data.previewBatch(tbs.numImages(), MaskStrategyLoader.needsScores(c)), seed,
                                ds.normalization().mean(), ds.normalization().std())
                        : null;
                // set-up done: from here on the folder holds the run
                if (req.resume()) {
                    folder.truncateMetrics(position.epochsDone());
                    folder.log("resumed from " + folder.lastCheckpoint() + " after epoch " + position.epochsDone());
                } else {
                    folder.writeProvenance(req.renderedConfig(), req.overrides(), seed, data.fingerprint());
                    if (!initLine.isEmpty()) {
                        folder.log(initLine);
                    }
                }
                folder.log(data.describe());
                String where = "device " + device + " (runtime.device=" + rt.device() + ")";
                folder.log(where);
                LOG.info("run folder: {}", folder.dir().toAbsolutePath());
                LOG.info("{}", where);
                LOG.info("{}", data.describe());
                if (!masking.cacheLine().isEmpty()) {
                    folder.log(masking.cacheLine());
                    LOG.info(masking.cacheLine());
                }
                if (!analysis.describe().isEmpty()) {
                    folder.log(analysis.describe());
                    LOG.info(analysis.describe());
                }
                Loop loop = new Loop(folder, data, runner, probe, analysis, model, root, null, ts, es, optimizer, params,
                        seed, digest, new CheckpointKeeper(folder, ts, es.every() > 0));
                try (TensorBoardMonitor tb = TensorBoardMonitor.open(tbs, folder.dir(),
                        new TensorBoardMonitor.Sources(model, params, mask, preview, root), ts.epochs())) {
                    tb.runStarted(position.epochsDone(), req.renderedConfig(), TensorBoardMonitor.hparams(c, tbs.hparams()));
                    report(masking.feasibility(), folder, tb, position.epochsDone());
                    try {
                        CheckpointMeta from = position;
                        StopLog.watch(folder, from.epochsDone(), epochs -> train(loop.with(tb), from, epochs));
                    } catch (Throwable t) {
                        tb.runEnded(RunStatus.FAILURE);
                        throw t;
                    }
                    tb.runEnded(RunStatus.SUCCESS);
                    String overhead = tb.overheadLine();
                    if (!overhead.isEmpty()) {
                        folder.log(overhead);
                        LOG.info(overhead);
                    }
                }
                return new Result(folder.dir(), folder.readMetrics());
            }
        }
    }

    /** The curriculum check at the start: a line in train.log, and a loud warning when infeasible. */
    private static void report(CurriculumCheck check, RunFolder folder, TensorBoardMonitor tb, int epoch)
            throws IOException {
        if (check == null) {
            return;
        }
        folder.log(check.line());
        LOG.info(check.line());
        if (check.infeasible()) {
            folder.log(check.warning());
            LOG.warn(check.warning());
            tb.text("warnings/curriculum", check.warning(), epoch);
        }
    }

    /** What the epoch loop works with. */
    private record Loop(RunFolder folder, PretrainData data, EpochRunner runner, KnnProbe probe, AnalysisHook analysis,
            MaeModel model, NDManager root, TensorBoardMonitor tb, TrainSettings ts, EvalSettings es, AdamW optimizer,
            Map<String, Parameter> params, long seed, String digest, CheckpointKeeper keeper) {

        Loop with(TensorBoardMonitor monitor) {
            return new Loop(folder, data, runner, probe, analysis, model, root, monitor, ts, es, optimizer, params, seed,
                    digest, keeper);
        }
    }

    /**
     * Epochs from {@code position} to the end: train, check the weights are finite, evaluate,
     * analyse, checkpoint, log.
     *
     * @param epochsDone updated after every checkpoint (for the reason logged when the run stops)
     */
    private static void train(Loop l, CheckpointMeta position, java.util.concurrent.atomic.AtomicInteger epochsDone)
            throws IOException {
        TrainSettings ts = l.ts();
        ProgressReporter progress = new ProgressReporter(ts.logEvery()).also(l.tb());
        long step = position.globalStep();
        long optSteps = position.optimizerSteps();
        for (int epoch = position.epochsDone(); epoch < ts.epochs(); epoch++) {
            long t0 = System.nanoTime();
            int iters = l.data().itersPerEpoch(ts.batchSize());
            EpochRunner.Summary s;
            try (var batches = l.data().trainBatches(ts.batchSize(), epoch)) {
                progress.startEpoch(epoch, ts.epochs(), iters);
                s = l.runner().run(epoch, batches, iters, step, optSteps, progress);
            } finally {
                progress.endEpoch();
            }
            requireFiniteWeights(l, epoch, epochsDone.get());
            step = s.globalStep();
            optSteps = s.optimizerSteps();
            double[] knn = l.es().due(epoch, ts.epochs()) ? l.probe().evaluate(l.data())
                    : new double[] {Double.NaN, Double.NaN};
            AnalysisHook.Outcome analysis = l.analysis().due(epoch, ts.epochs())
                    ? l.analysis().run(l.model(), epoch, step, l.folder().dir(), l.root())
                    : null;
            Host.releaseCached(l.root().getDevice()); // k-NN / analysis shapes differ from training's (GPU only)
            EpochStats stats = new EpochStats(epoch, step, s.meanLoss(), s.lastLr(), s.imgPerSec(), knn[0], knn[1],
                    (System.nanoTime() - t0) / 1e9, s.meanBeta(), s.meanBetaEffective());
            l.tb().epochEnded(stats);
            if (analysis != null) {
                l.tb().analysisEnded(analysis);
            }
            CheckpointMeta done = new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, epoch + 1, step, optSteps,
                    l.seed(), l.digest(), s.meanLoss());
            String bestLine = l.keeper().save(l.params(), l.optimizer(), done, stats);
            epochsDone.set(epoch + 1);
            l.folder().appendMetrics(stats);
            l.tb().epochCommitted();
            l.folder().log(stats.logLine(ts.epochs()));
            LOG.info(stats.logLine(ts.epochs()));
            if (!bestLine.isEmpty()) {
                l.folder().log(bestLine);
            }
            if (analysis != null) {
                l.folder().log(analysis.logLine());
                LOG.info(analysis.logLine());
            }
        }
        String skipped = l.data().skipReport();
        if (!skipped.isEmpty()) {
            l.folder().log(skipped);
            LOG.warn(skipped);
        }
    }

    /** Stops the run when an update left a parameter NaN or infinite (the forward loss only sees the step before). */
    private static void requireFiniteWeights(Loop l, int epoch, int checkpointed) throws NonFiniteStateException {
        java.util.List<String> bad = FiniteCheck.nonFiniteParameters(l.params());
        if (!bad.isEmpty()) {
            throw new NonFiniteStateException(String.format(java.util.Locale.ROOT,
                    "the weights became NaN or infinite during epoch %d/%d (%s), although the loss was finite: "
                            + "the run is stopped and %s. %s", epoch + 1, l.ts().epochs(),
                    FiniteCheck.describe(bad, l.params().size()),
                    checkpointed > 0 ? "checkpoints/last.ckpt (after epoch " + checkpointed + ") is intact"
                            : "no checkpoint was written", TrainingDivergedException.ADVICE));
        }
    }



    private static CheckpointMeta restore(RunFolder folder, Map<String, Parameter> params, AdamW optimizer,
            NDManager root) throws IOException {
        Path file = folder.lastCheckpoint();
        if (!Files.exists(file)) {
            throw new IOException("cannot resume " + folder.dir() + ": it has no checkpoints/last.ckpt yet"
                    + " (the run stopped before its first epoch ended); start it again instead");
        }
        try (NDManager tmp = root.newSubManager()) {
            Checkpoints.Loaded ck = Checkpoints.read(file, tmp);
            Checkpoints.copyInto(ck.model(), params, file.toString());
            optimizer.loadStateDict(ck.optimizer());
            return ck.meta();
        }
    }
}
