package io.mae4j.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.typesafe.config.Config;
import io.mae4j.device.Host;
import io.mae4j.device.RuntimeSettings;
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
import io.mae4j.data.Normalization;

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

    /** Runs the request to the configured number of epochs. */
    public static Result run(Request req) throws IOException {
        Config c = req.config();
        long seed = c.getLong("seed");
        RuntimeSettings rt = RuntimeSettings.from(c);
        Device device = EngineSetup.start(rt); // every array of the run lives on it (root manager below)
        MaeConfig modelCfg = ModelSettings.from(c.getConfig("model"));
        TrainSettings ts = TrainSettings.from(c.getConfig("train"));
        EvalSettings es = EvalSettings.from(c.getConfig("eval"));
        RunFolder folder = req.folder();
        String digest = RunFolder.sha256(req.renderedConfig());

        try (TrainData data = TrainData.open(c, modelCfg.imgSize(), seed);
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
                CheckpointMeta position =
                        new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, 0, 0, 0, seed, digest, Double.NaN);
                if (req.resume()) {
                    position = restore(folder, params, optimizer, root);
                    folder.truncateMetrics(position.epochsDone());
                    folder.log("resumed from " + folder.lastCheckpoint() + " after epoch " + position.epochsDone());
                } else {
                    folder.writeProvenance(req.renderedConfig(), req.overrides(), seed, data.fingerprint());
                    String init = c.getString("model.init_weights");
                    if (!init.isEmpty()) {
                        folder.log(InitWeights.apply(Path.of(init), model, root));
                    }
                }
                folder.log(data.describe());
                String where = "device " + device + " (runtime.device=" + rt.device() + ")";
                folder.log(where);
                LOG.info("run folder: {}", folder.dir().toAbsolutePath());
                LOG.info("{}", where);
                LOG.info("{}", data.describe());

                EpochRunner runner = new EpochRunner(model, optimizer, mask, ts, seed, root);
                KnnProbe probe = new KnnProbe(model, es, root);
                AnalysisHook analysis = AnalysisHook.open(c, modelCfg, req.figures());
                if (!analysis.describe().isEmpty()) {
                    folder.log(analysis.describe());
                    LOG.info(analysis.describe());
                }
                TensorBoardSettings tbs = TensorBoardSettings.from(c.getConfig("tensorboard"));
                ReconstructionPreview preview = tbs.enabled() && tbs.imagesEvery() > 0
                        ? new ReconstructionPreview(data.previewBatch(tbs.numImages(), MaskStrategyLoader.needsScores(c)), seed,
                                Normalization.from(c.getConfig("data")).mean(), Normalization.from(c.getConfig("data")).std())
                        : null;
                try (TensorBoardMonitor tb = TensorBoardMonitor.open(tbs, folder.dir(),
                        new TensorBoardMonitor.Sources(model, params, mask, preview, root), ts.epochs())) {
                    tb.runStarted(position.epochsDone(), req.renderedConfig(), TensorBoardMonitor.hparams(c, tbs.hparams()));
                    report(masking.feasibility(), folder, tb, position.epochsDone());
                    try {
                        train(new Loop(folder, data, runner, probe, analysis, model, root, tb, ts, es, optimizer, params, seed,
                                digest), position);
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
                String skipped = data.skipReport();
                if (!skipped.isEmpty()) {
                    folder.log(skipped);
                    LOG.warn(skipped);
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
    private record Loop(RunFolder folder, TrainData data, EpochRunner runner, KnnProbe probe, AnalysisHook analysis,
            MaeModel model, NDManager root, TensorBoardMonitor tb, TrainSettings ts, EvalSettings es, AdamW optimizer,
            Map<String, Parameter> params, long seed, String digest) {}

    /** Epochs from {@code position} to the end: train, evaluate, analyse, checkpoint, log. */
    private static void train(Loop l, CheckpointMeta position) throws IOException {
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
            saveCheckpoints(l.folder(), l.params(), l.optimizer(), done, ts);
            l.folder().appendMetrics(stats);
            l.tb().epochCommitted();
            l.folder().log(stats.logLine(ts.epochs()));
            LOG.info(stats.logLine(ts.epochs()));
            if (analysis != null) {
                l.folder().log(analysis.logLine());
                LOG.info(analysis.logLine());
            }
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

    private static void saveCheckpoints(RunFolder folder, Map<String, Parameter> params, AdamW optimizer,
            CheckpointMeta meta, TrainSettings ts) throws IOException {
        try (var state = optimizer.stateDict()) {
            Checkpoints.save(folder.lastCheckpoint(), params, state, meta);
            if (meta.epochsDone() % ts.checkpointEvery() == 0 || meta.epochsDone() == ts.epochs()) {
                Path numbered = folder.checkpoints().resolve(String.format("epoch-%04d.ckpt", meta.epochsDone()));
                Files.copy(folder.lastCheckpoint(), numbered, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                pruneNumbered(folder, ts.keepCheckpoints());
            }
        }
    }

    private static void pruneNumbered(RunFolder folder, int keep) throws IOException {
        if (keep <= 0) {
            return;
        }
        List<Path> numbered;
        try (var files = Files.list(folder.checkpoints())) {
            numbered = files.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.ckpt")).sorted().toList();
        }
        for (int i = 0; i < numbered.size() - keep; i++) {
            Files.deleteIfExists(numbered.get(i));
        }
    }
}
