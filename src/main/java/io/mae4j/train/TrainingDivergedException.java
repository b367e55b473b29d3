package io.mae4j.train;

/** The training loss became NaN or infinite; the run stops and its last good checkpoint stays. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param epoch 0-based epoch
     * @param step global iteration
     * @param loss the non-finite value
     * @param lr learning rate at that iteration
     */
    public TrainingDivergedException(int epoch, long step, double loss, double lr) {
        super(String.format(java.util.Locale.ROOT,
                "loss became %s at epoch %d, iteration %d (lr %.3e). The run is stopped; the last good"
                        + " checkpoint is kept. Lower train.blr, raise train.warmup_epochs or set"
                        + " train.clip_grad (e.g. 1.0), then resume with --resume or start again.",
                loss, epoch + 1, step, lr));
    }
}
