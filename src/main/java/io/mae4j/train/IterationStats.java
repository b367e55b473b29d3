package io.mae4j.train;

import java.util.Map;

/**
 * What one training iteration reports to its listeners.
 *
 * @param epoch 0-based epoch
 * @param globalStep iterations done, this one included
 * @param iter 0-based iteration within the epoch
 * @param iters iterations of a full epoch
 * @param loss the batch's mean reconstruction loss
 * @param lr learning rate used
 * @param gradNorm global gradient norm before clipping; NaN on iterations without an optimizer
 *     step (gradient accumulation)
 * @param imgPerSec images per second since the epoch started
 * @param perSampleLoss (B) each image's loss
 * @param maskRatio fraction of patches removed, (N − lenKeep) / N
 * @param maskScalars the mask strategy's own values ({@code MaskResult.scalars()})
 */
public record IterationStats(int epoch, long globalStep, int iter, int iters, double loss, double lr, double gradNorm,
        double imgPerSec, float[] perSampleLoss, double maskRatio, Map<String, Double> maskScalars) {

    /**
     * The official MAE's x-axis for per-iteration values: {@code int((iter / iters + epoch) * 1000)},
     * so epoch e spans [1000·e, 1000·(e+1)) whatever the dataset size.
     */
    long epoch1000x() {
        return (long) ((iter / (double) iters + epoch) * 1000);
    }
}
