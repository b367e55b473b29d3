package io.mae4j.train;

import java.util.Locale;

/** The training loss became NaN or infinite; the run stops and its last good checkpoint stays. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What to do about a run whose loss or weights stopped being finite. */
    static final String ADVICE = "Lower train.blr, raise train.warmup_epochs or set train.clip_grad (e.g. 1.0),"
            + " then resume with --resume or start again.";

    /**
     * @param epoch 0-based epoch
     * @param epochs epochs of the run
     * @param iter 0-based iteration within the epoch
     * @param itersPerEpoch iterations per epoch
     * @param loss the non-finite value
     * @param lr learning rate at that iteration
     */
    public TrainingDivergedException(int epoch, int epochs, int iter, int itersPerEpoch, double loss, double lr) {
        super(String.format(Locale.ROOT,
                "loss became %s at epoch %d/%d, iter %d/%d (lr %.3e). The run is stopped; the last good"
                        + " checkpoint is kept. " + ADVICE,
                loss, epoch + 1, epochs, iter + 1, itersPerEpoch, lr));
    }
}
