package io.mae4j.mask;

import ai.djl.ndarray.NDManager;

/**
 * Masks the M = N − lenKeep patches with the highest ({@code theta_top}) or lowest
 * ({@code theta_bottom}) θ̄ of the crop the model sees (paper 5.1, "mask as prompt"; also usable
 * as a training strategy). lenKeep = (int) (N · (1 − r)) as in MAE; θ̄ is resampled at the crop's
 * patch centres ({@link CropScores}); ties are broken at random from {@code context.seed()};
 * patches with NaN θ̄ are masked last.
 */
public final class ThetaRankStrategy implements MaskStrategy {

    /** The config name of the highest-θ̄ variant. */
    public static final String TOP = "theta_top";

    /** The config name of the lowest-θ̄ variant. */
    public static final String BOTTOM = "theta_bottom";

    private final double maskRatio;
    private final ScoreSource scores;
    private final boolean top;

    private ThetaRankStrategy(double maskRatio, ScoreSource scores, boolean top) {
        MaskResults.checkRatio(maskRatio);
        this.maskRatio = maskRatio;
        this.top = top;
        this.scores = ThetaRankMasks.require(scores, top ? TOP : BOTTOM);
    }

    /** Masks the highest-θ̄ patches. */
    public static ThetaRankStrategy top(double maskRatio, ScoreSource scores) {
        return new ThetaRankStrategy(maskRatio, scores, true);
    }

    /** Masks the lowest-θ̄ patches. */
    public static ThetaRankStrategy bottom(double maskRatio, ScoreSource scores) {
        return new ThetaRankStrategy(maskRatio, scores, false);
    }

    @Override
    public String name() {
        return top ? TOP : BOTTOM;
    }

    /** r. */
    public double maskRatio() {
        return maskRatio;
    }

    @Override
    public MaskResult sample(MaskContext context, NDManager manager) {
        return ThetaRankMasks.sample(scores, maskRatio, top, name(), context, manager);
    }

    @Override
    public String toString() {
        return "ThetaRankStrategy[" + name() + ", maskRatio=" + maskRatio + "]";
    }
}
