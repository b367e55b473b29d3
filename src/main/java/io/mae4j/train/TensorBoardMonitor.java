package io.mae4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.typesafe.config.Config;
import io.mae4j.mask.MaskStrategy;
import io.mae4j.model.MaeModel;
import io.mae4j.tensorboard.EventFileWriter;
import io.mae4j.tensorboard.Histogram;
import io.mae4j.tensorboard.RunStatus;
import io.mae4j.tensorboard.Summaries;
import io.mae4j.tensorboard.SummaryWriter;
import io.mae4j.tensorboard.proto.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.mae4j.run.EpochStats;
import io.mae4j.optim.ParamGroups;

/**
 * Writes a run's TensorBoard events into its folder. X-axis as in the official MAE: per-iteration
 * values at {@code epoch_1000x = int((iter / iters + epoch) · 1000)}; per-epoch values (k-NN,
 * epoch loss, images, histograms, interrelation analysis) at the 0-based epoch; config text,
 * hparams at step 0.
 *
 * <p>Per-epoch values are prepared by {@link #epochEnded} and written by {@link #epochCommitted}
 * once the epoch's checkpoint exists, so a resumed run never logs an epoch twice. A (resumed) run
 * starts with a {@code SessionLog.START} at {@code 1000 · startEpoch}, which makes TensorBoard drop
 * per-iteration values a crashed run wrote after its last checkpoint.
 *
 * <p>An I/O failure of the event file is logged once and ends TensorBoard output; training goes
 * on. Time spent here on the training thread is measured ({@link #overheadLine}).
 */
final class TensorBoardMonitor implements EpochRunner.IterationListener, AutoCloseable {

    /** Scalar tags shown as metric columns in the HParams dashboard. */
    static final List<String> METRICS = List.of("eval/knn_top1", "eval/knn_top5", "train/epoch_loss", "train/loss");

    private static final Logger LOG = LoggerFactory.getLogger(TensorBoardMonitor.class);

    /** What the monitor looks at besides the settings. */
    record Sources(MaeModel model, Map<String, Parameter> params, MaskStrategy mask, ReconstructionPreview preview,
            NDManager root) {}

    private final TensorBoardSettings settings;
    private final Sources sources;
    private final int epochs;
    private SummaryWriter writer;
    private final Path eventFile;
    private final List<Summary.Value> epochValues = new ArrayList<>();
    private int pendingEpoch = -1;
    private float[] epochLosses = new float[256];
    private int epochLossCount;
    private final OverheadMeter meter = new OverheadMeter();
    private long imageNanos;
    private long histogramNanos;

    private TensorBoardMonitor(TensorBoardSettings settings, SummaryWriter writer, Sources sources, int epochs) {
        this.settings = settings;
        this.writer = writer;
        this.eventFile = writer == null ? null : writer.file();
        this.sources = sources;
        this.epochs = epochs;
    }

    /** A monitor writing a new event file into {@code runDir}, or doing nothing when disabled. */
    static TensorBoardMonitor open(TensorBoardSettings settings, Path runDir, Sources sources, int epochs)
            throws IOException {
        SummaryWriter w = settings.enabled()
                ? EventFileWriter.open(runDir, Duration.ofMillis(Math.round(settings.flushSeconds() * 1000)))
                : null;
        return new TensorBoardMonitor(settings, w, sources, epochs);
    }

    /** A monitor writing to {@code writer} (tests). */
    static TensorBoardMonitor using(TensorBoardSettings settings, SummaryWriter writer, Sources sources, int epochs) {
        return new TensorBoardMonitor(settings, writer, sources, epochs);
    }

    /** The event file, or null when disabled. */
    Path file() {
        return eventFile;
    }

    /**
     * The hyperparameters named by {@code tensorboard.hparams}: numbers, booleans and strings as
     * they are, lists as their text.
     */
    static Map<String, Object> hparams(Config config, List<String> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : keys) {
            if (!config.hasPath(key)) {
                throw new IllegalArgumentException("tensorboard.hparams names '" + key
                        + "', which is not a config key: use full keys such as mask.mask_ratio");
            }
            Object v = config.getValue(key).unwrapped();
            out.put(key, v instanceof Number || v instanceof Boolean || v instanceof String ? v : String.valueOf(v));
        }
        return out;
    }

    /**
     * Starts (or resumes) the session: START marker, the resolved config as text at
     * {@code startEpoch}, the hyperparameters.
     */
    void runStarted(int startEpoch, String renderedConfig, Map<String, Object> hparams) {
        guarded(() -> {
            writer.addSessionStart(1000L * startEpoch);
            writer.addText("config", Summaries.codeBlock(renderedConfig), startEpoch);
            writer.addHParams(hparams, METRICS);
        });
    }

    /** A text summary (e.g. a warning) at the epoch step. */
    void text(String tag, String markdown, int epoch) {
        guarded(() -> writer.addText(tag, markdown, epoch));
    }

    @Override
    public void onIteration(IterationStats s) {
        guarded(() -> {
            if (settings.histogramsDue(s.epoch(), epochs)) {
                keepLosses(s.perSampleLoss());
            }
            if (s.iter() % settings.logEvery() != 0 && s.iter() + 1 != s.iters()) {
                return;
            }
            List<Summary.Value> v = new ArrayList<>();
            v.add(Summaries.scalar("train/loss", s.loss()));
            v.add(Summaries.scalar("train/lr", s.lr()));
            v.add(Summaries.scalar("train/img_per_s", s.imgPerSec()));
            if (Double.isFinite(s.gradNorm())) {
                v.add(Summaries.scalar("train/grad_norm", s.gradNorm()));
            }
            v.add(Summaries.scalar("mask/ratio", s.maskRatio()));
            s.maskScalars().forEach((k, x) -> v.add(Summaries.scalar(k.startsWith("mask/") ? k : "mask/" + k, x)));
            writer.addSummary(s.epoch1000x(), v);
        });
    }

    /** Prepares the epoch's values (written by {@link #epochCommitted}). */
    void epochEnded(EpochStats stats) {
        guarded(() -> {
            int epoch = stats.epoch();
            epochValues.clear();
            pendingEpoch = epoch;
            epochValues.add(Summaries.scalar("train/epoch_loss", stats.trainLoss()));
            if (!Double.isNaN(stats.knnTop1())) {
                epochValues.add(Summaries.scalar("eval/knn_top1", stats.knnTop1()));
            }
            if (!Double.isNaN(stats.knnTop5())) {
                epochValues.add(Summaries.scalar("eval/knn_top5", stats.knnTop5()));
            }
            long t0 = System.nanoTime();
            if (settings.imagesDue(epoch, epochs)) {
                epochValues.add(Summaries.image("images/reconstruction",
                        sources.preview().render(sources.model(), sources.mask(), epoch, sources.root())));
            }
            long t1 = System.nanoTime();
            imageNanos += t1 - t0;
            if (settings.histogramsDue(epoch, epochs)) {
                for (ParamGroups.Group g : ParamGroups.collect(sources.params())) {
                    epochValues.add(Summaries.scalar("param_norm/" + g.name(), g.norm()));
                    if (g.weights().length > 0) {
                        epochValues.add(Summaries.histogram("params/" + g.name(), Histogram.of(g.weights(),
                                settings.histogramBins())));
                    }
                }
                float[] losses = Arrays.copyOf(epochLosses, epochLossCount);
                epochValues.add(Summaries.histogram("train/loss_per_sample", Histogram.of(losses,
                        settings.histogramBins())));
            }
            histogramNanos += System.nanoTime() - t1;
            epochLossCount = 0;
        });
    }

    /**
     * Adds an interrelation analysis to the epoch prepared by {@link #epochEnded}: every scalar of
     * {@link io.mae4j.analysis.AnalysisResult#scalars()} under its own tag and each figure as the
     * image {@code analysis/plots/<name>}, all at the epoch step.
     *
     * @throws IllegalStateException when no epoch is pending
     */
    void analysisEnded(AnalysisHook.Outcome analysis) {
        guarded(() -> {
            if (pendingEpoch != analysis.epoch()) {
                throw new IllegalStateException("analysis of epoch " + analysis.epoch() + " added while epoch "
                        + pendingEpoch + " is pending: call epochEnded first");
            }
            analysis.result().scalars().forEach((tag, v) -> epochValues.add(Summaries.scalar(tag, v)));
            analysis.figures().forEach((name, png) -> epochValues.add(Summaries.png("analysis/plots/" + name, png)));
        });
    }

    /** Writes the values prepared by {@link #epochEnded} and flushes the file. */
    void epochCommitted() {
        guarded(() -> {
            if (pendingEpoch >= 0 && !epochValues.isEmpty()) {
                writer.addSummary(pendingEpoch, List.copyOf(epochValues));
            }
            epochValues.clear();
            pendingEpoch = -1;
            flush();
        });
    }

    /** Ends the HParams session with a status and flushes. */
    void runEnded(RunStatus status) {
        guarded(() -> {
            writer.endHParamsSession(status);
            flush();
        });
    }

    /**
     * Where the time went: wall seconds spent here on the training thread (images, histograms),
     * CPU seconds of this work plus the writer thread against the CPU seconds of the whole process
     * (a measure that contention from other processes hardly changes); "" when disabled.
     */
    String overheadLine() {
        if (eventFile == null) {
            return "";
        }
        double wall = meter.wallSeconds();
        double total = meter.totalWallSeconds();
        double cpu = meter.cpuSeconds() + (writer instanceof EventFileWriter w ? w.backgroundCpuNanos() / 1e9 : 0);
        double processCpu = meter.totalCpuSeconds();
        return String.format(Locale.ROOT,
                "tensorboard: %.2f s of %.1f s wall on the training thread (%.2f%%; images %.2f s, histograms %.2f s);"
                        + " %.2f s of %.1f s process CPU (%.2f%%); events in %s",
                wall, total, 100 * wall / Math.max(total, 1e-9), imageNanos / 1e9, histogramNanos / 1e9, cpu,
                processCpu, 100 * cpu / Math.max(processCpu, 1e-9), eventFile);
    }

    @Override
    public void close() {
        guarded(() -> {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer = null;
    }

    private void keepLosses(float[] losses) {
        if (epochLossCount + losses.length > epochLosses.length) {
            epochLosses = Arrays.copyOf(epochLosses, Math.max(2 * epochLosses.length,
                    epochLossCount + losses.length));
        }
        System.arraycopy(losses, 0, epochLosses, epochLossCount, losses.length);
        epochLossCount += losses.length;
    }

    private void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code body} when enabled, timing it; an event-file failure switches TensorBoard off. */
    private void guarded(Runnable body) {
        if (writer == null) {
            return;
        }
        try {
            meter.time(body);
        } catch (UncheckedIOException e) {
            LOG.warn("TensorBoard output stopped: {}", e.getMessage());
            SummaryWriter w = writer;
            writer = null;
            try {
                w.close();
            } catch (IOException | RuntimeException ignored) {
                // already failing; the warning above names the file
            }
        }
    }
}
