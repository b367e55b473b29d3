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
    public void onIteration(int epoch, long globalStep, int iter, int iters, double loss, double lr, double gradNorm,
            double imgPerSec) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f  %.0f img/s", loss, imgPerSec));
        } else if (iter % logEvery == 0 || iter + 1 == iters) {
            LOG.info(String.format(Locale.ROOT, "epoch %d/%d  iter %d/%d  loss %.4f  lr %.3e  %.1f img/s", epoch + 1,
                    epochs, iter + 1, iters, loss, lr, imgPerSec));
        }
        for (EpochRunner.IterationListener l : others) {
            l.onIteration(epoch, globalStep, iter, iters, loss, lr, gradNorm, imgPerSec);
        }
    }

    void endEpoch() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
