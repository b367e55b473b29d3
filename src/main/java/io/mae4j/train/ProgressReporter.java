package io.mae4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows training progress: a progress bar with loss, img/s and ETA on a terminal, and a log line
 * every {@code log_every} iterations otherwise (CI logs, nohup). Other listeners (TensorBoard) can
 * be chained with {@link #also}.
 */
final class ProgressReporter implements EpochRunner.IterationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final int logEvery;
    private final boolean terminal = System.console() != null;
    private final List<EpochRunner.IterationListener> others = new ArrayList<>();
    private ProgressBar bar;
    private int epochs;

    ProgressReporter(int logEvery) {
        this.logEvery = logEvery;
    }

    /** Adds another listener that sees every iteration. */
    ProgressReporter also(EpochRunner.IterationListener listener) {
        others.add(listener);
        return this;
    }

    void startEpoch(int epoch, int epochs, int iters) {
        this.epochs = epochs;
        if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
                    .setInitialMax(iters)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .build();
        }
    }

    @Override
    public void onIteration(IterationStats s) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f  %.0f img/s", s.loss(), s.imgPerSec()));
        } else if (s.iter() % logEvery == 0 || s.iter() + 1 == s.iters()) {
            LOG.info(String.format(Locale.ROOT, "epoch %d/%d  iter %d/%d  loss %.4f  lr %.3e  %.1f img/s", s.epoch() + 1,
                    epochs, s.iter() + 1, s.iters(), s.loss(), s.lr(), s.imgPerSec()));
        }
        for (EpochRunner.IterationListener l : others) {
            l.onIteration(s);
        }
    }

    void endEpoch() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
