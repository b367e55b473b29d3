package io.mae4j.optim;

/**
 * The official MAE learning-rate schedule ({@code util/lr_sched.py, adjust_learning_rate}), stepped
 * every iteration with a fractional epoch {@code epoch + iter / itersPerEpoch}: linear warm-up
 * from 0 to {@code lr} over {@code warmupEpochs}, then a half-cycle cosine from {@code lr} down to
 * {@code minLr} at {@code epochs}.
 *
 * <pre>
 *   epoch &lt; warmup:  lr · epoch / warmup
 *   otherwise:       minLr + (lr − minLr) · ½ · (1 + cos(π · (epoch − warmup) / (epochs − warmup)))
 * </pre>
 *
 * <p>When {@code warmupEpochs ≥ epochs} (e.g. a short smoke run with the default warm-up), the
 * official code never leaves the warm-up during training; at and after {@code epoch = warmup} we
 * return {@code minLr} (the end of the cosine) instead of dividing by zero.
 *
 * @param lr the peak (absolute) learning rate, see {@link #absoluteLr(double, int)}
 * @param minLr the floor of the cosine (MAE: 0)
 * @param warmupEpochs warm-up length in epochs (MAE: 40)
 * @param epochs total epochs (MAE: 800 / 1600)
 */
public record LrSchedule(double lr, double minLr, int warmupEpochs, int epochs) {

    public LrSchedule {
        if (!(lr >= 0) || !(minLr >= 0) || minLr > lr) {
            throw new IllegalArgumentException("need 0 ≤ min_lr ≤ lr, got lr=" + lr + ", min_lr=" + minLr);
        }
        if (warmupEpochs < 0 || epochs <= 0) {
            throw new IllegalArgumentException(
                    "need warmup_epochs ≥ 0 and epochs > 0, got warmup_epochs=" + warmupEpochs + ", epochs=" + epochs);
        }
    }

    /**
     * The learning rate at a fractional epoch.
     *
     * @param epochFloat {@code epoch + iterInEpoch / itersPerEpoch}, ≥ 0
     */
    public double at(double epochFloat) {
        if (epochFloat < warmupEpochs) {
            return lr * epochFloat / warmupEpochs;
        }
        if (epochs <= warmupEpochs) {
            return minLr;
        }
        double progress = (epochFloat - warmupEpochs) / (epochs - warmupEpochs);
        return minLr + (lr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /**
     * MAE's linear scaling rule: {@code lr = blr · effectiveBatch / 256}.
     *
     * @param blr the base learning rate (MAE pre-training: 1.5e-4)
     * @param effectiveBatch batch size · accum_iter · number of processes
     */
    public static double absoluteLr(double blr, int effectiveBatch) {
        if (effectiveBatch <= 0) {
            throw new IllegalArgumentException("effective batch size must be positive, got " + effectiveBatch);
        }
        return blr * effectiveBatch / 256;
    }
}
