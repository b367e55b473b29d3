package io.mae4j.train;

import com.typesafe.config.Config;

/**
 * The optimisation recipe of a pre-training run ({@code train.*} keys; names as in the official
 * MAE {@code main_pretrain.py}).
 *
 * @param epochs total epochs
 * @param batchSize images per iteration
 * @param accumIter iterations whose gradients are summed before one optimizer step
 * @param blr base learning rate, scaled by effective batch / 256 when {@code lr} is 0
 * @param lr absolute learning rate; 0 = derive from blr
 * @param minLr floor of the cosine schedule
 * @param weightDecay decoupled weight decay of the decaying parameter group
 * @param warmupEpochs linear warm-up length in epochs (fractional epochs per iteration)
 * @param clipGrad global gradient-norm clip; 0 = off
 * @param beta1 AdamW β1
 * @param beta2 AdamW β2
 * @param logEvery iterations between logged training scalars
 * @param checkpointEvery epochs between kept numbered checkpoints ({@code last.ckpt} is always written)
 * @param keepCheckpoints numbered checkpoints to keep (older ones are deleted); 0 = keep all
 * @param fusedAdamw AdamW through the engine's fused kernel (one native call per parameter) instead of op by op
 */
public record TrainSettings(
        int epochs,
        int batchSize,
        int accumIter,
        double blr,
        double lr,
        double minLr,
        double weightDecay,
        int warmupEpochs,
        double clipGrad,
        double beta1,
        double beta2,
        int logEvery,
        int checkpointEvery,
        int keepCheckpoints,
        boolean fusedAdamw) {

    public TrainSettings {
        require(epochs >= 1, "train.epochs", epochs, "at least 1");
        require(batchSize >= 1, "train.batch_size", batchSize, "at least 1");
        require(accumIter >= 1, "train.accum_iter", accumIter, "at least 1");
        require(warmupEpochs >= 0, "train.warmup_epochs", warmupEpochs, "0 or more");
        require(lr >= 0, "train.lr", lr, "0 or more (0 = derive it from train.blr)");
        require(blr > 0 || blr == 0 && lr > 0, "train.blr", blr, "more than 0 (or 0 with an absolute train.lr > 0)");
        require(beta1 >= 0 && beta1 < 1, "train.betas[0]", beta1, "in [0, 1), e.g. 0.9");
        require(beta2 >= 0 && beta2 < 1, "train.betas[1]", beta2, "in [0, 1), e.g. 0.95");
        require(logEvery >= 1, "train.log_every", logEvery, "at least 1");
        require(checkpointEvery >= 1, "train.checkpoint_every", checkpointEvery, "at least 1");
    }

    private static void require(boolean ok, String key, Object value, String what) {
        if (!ok) {
            throw new IllegalArgumentException(key + " = " + value + " is invalid: it must be " + what);
        }
    }

    /** Reads the {@code train} section. */
    public static TrainSettings from(Config train) {
        java.util.List<Double> betas = train.getDoubleList("betas");
        if (betas.size() != 2) {
            throw new IllegalArgumentException("train.betas = " + betas + " is invalid: it must hold two numbers"
                    + " [beta1, beta2], e.g. train.betas=[0.9,0.95]");
        }
        return new TrainSettings(
                train.getInt("epochs"),
                train.getInt("batch_size"),
                train.getInt("accum_iter"),
                train.getDouble("blr"),
                train.getDouble("lr"),
                train.getDouble("min_lr"),
                train.getDouble("weight_decay"),
                train.getInt("warmup_epochs"),
                train.getDouble("clip_grad"),
                betas.get(0),
                betas.get(1),
                train.getInt("log_every"),
                train.getInt("checkpoint_every"),
                train.getInt("keep_checkpoints"),
                train.getBoolean("fused_adamw"));
    }

    /** Images per optimizer step. */
    public int effectiveBatch() {
        return batchSize * accumIter;
    }

    /** The absolute peak learning rate: {@code lr}, or blr × effective batch / 256. */
    public double peakLr() {
        return lr > 0 ? lr : blr * effectiveBatch() / 256.0;
    }
}
