package io.mae4j.tensorboard;

import io.mae4j.tensorboard.proto.HistogramProto;
import io.mae4j.tensorboard.proto.Summary;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes TensorBoard summaries of one run. Every value carries a tag ("train/loss": the part
 * before the first '/' is the dashboard section) and a step (the x-axis). Writing is buffered:
 * values reach the file at the latest after the writer's flush interval, on {@link #flush()} and
 * on {@link #close()}.
 *
 * <p>After an I/O failure every further call throws {@link java.io.UncheckedIOException} naming the
 * file; after {@link #close()} every add throws {@link IllegalStateException}.
 */
public interface SummaryWriter extends Closeable {

    /** The event file written. */
    Path file();

    /** Writes one event holding the given values. */
    void addSummary(long step, List<Summary.Value> values);

    /**
     * Marks a (re)start of training at {@code step} ({@code SessionLog.START}). TensorBoard drops
     * the run's events with step ≥ {@code step} read before a second or later START, i.e. the data
     * a crashed job wrote after its last checkpoint.
     */
    void addSessionStart(long step);

    /** Blocks until every value added so far is written to the file. */
    void flush() throws IOException;

    /** Flushes, stops the background thread and closes the file; later calls do nothing. */
    @Override
    void close() throws IOException;

    /** A scalar. */
    default void addScalar(String tag, double value, long step) {
        addSummary(step, List.of(Summaries.scalar(tag, value)));
    }

    /** A PNG image. */
    default void addImage(String tag, RgbImage image, long step) {
        addSummary(step, List.of(Summaries.image(tag, image)));
    }

    /** A histogram. */
    default void addHistogram(String tag, HistogramProto histogram, long step) {
        addSummary(step, List.of(Summaries.histogram(tag, histogram)));
    }

    /** A histogram of {@code values} with {@code bins} equal-width buckets (see {@link Histogram}). */
    default void addHistogram(String tag, float[] values, int bins, long step) {
        addHistogram(tag, Histogram.of(values, bins), step);
    }

    /** Markdown text. */
    default void addText(String tag, String markdown, long step) {
        addSummary(step, List.of(Summaries.text(tag, markdown)));
    }

    /**
     * The run's hyperparameters for the HParams dashboard (experiment columns and session start),
     * at step 0.
     *
     * @param hparams name → Number, Boolean or String
     * @param metricTags scalar tags shown as metric columns
     */
    default void addHParams(Map<String, ?> hparams, List<String> metricTags) {
        double now = System.currentTimeMillis() / 1000.0;
        addSummary(0, List.of(HParams.experiment(hparams, metricTags, now), HParams.sessionStart(hparams, "", now)));
    }

    /** Ends the HParams session with a status, at step 0. */
    default void endHParamsSession(RunStatus status) {
        addSummary(0, List.of(HParams.sessionEnd(status, System.currentTimeMillis() / 1000.0)));
    }
}
