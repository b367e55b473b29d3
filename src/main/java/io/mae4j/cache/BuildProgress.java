package io.mae4j.cache;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a cache build: a progress bar with ETA on a terminal, else a log line every 10% (with
 * rate and ETA). {@link #silent()} reports nothing.
 */
public class BuildProgress {

    private static final Logger LOG = LoggerFactory.getLogger(BuildProgress.class);

    private final boolean enabled;
    private final boolean terminal = System.console() != null;
    private ProgressBar bar;
    private int total;
    private int done;
    private int startDone;
    private long t0;
    private int nextLog;

    BuildProgress(boolean enabled) {
        this.enabled = enabled;
    }

    /** Bar or log lines. */
    public static BuildProgress console() {
        return new BuildProgress(true);
    }

    /** Nothing (tests). */
    public static BuildProgress silent() {
        return new BuildProgress(false);
    }

    void start(int total, int alreadyDone) {
        this.total = total;
        this.done = alreadyDone;
        this.startDone = alreadyDone;
        this.t0 = System.nanoTime();
        this.nextLog = alreadyDone + Math.max(1, total / 10);
        if (!enabled) {
            return;
        }
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("cache build").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().build();
            bar.stepTo(alreadyDone);
        } else {
            LOG.info("cache build: {} images, {} already cached", total, alreadyDone);
        }
    }

    void step() {
        done++;
        if (bar != null) {
            bar.step();
        } else if (enabled && (done >= nextLog || done == total)) {
            nextLog = done + Math.max(1, total / 10);
            double s = (System.nanoTime() - t0) / 1e9;
            double rate = (done - startDone) / Math.max(s, 1e-9);
            LOG.info(String.format(Locale.ROOT, "cache build %d/%d  %.1f images/s  ETA %.0f s", done, total, rate,
                    (total - done) / Math.max(rate, 1e-9)));
        }
    }

    void message(String text) {
        if (enabled) {
            LOG.info(text);
        }
    }

    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
