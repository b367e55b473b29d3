package io.mae4j.mask;

import ai.djl.ndarray.NDManager;

/**
 * Masks the M = N − lenKeep patches with the highest θ̄ of the crop the model sees (paper 5.1,
 * "mask as prompt"; here also usable as a training strategy). lenKeep = (int) (N · (1 − r)) as in
 * MAE; θ̄ is resampled at the crop's patch centres ({@link CropScores}); ties are broken at random
 * from {@code context.seed()}; patches with NaN θ̄ are masked last.
 */
public final class ThetaTopStrategy implements MaskStrategy {

    /** The config name, {@code mask.name = theta_top}. */
    public static final String NAME = "theta_top";

    private final double maskRatio;
    private final ScoreSource scores;

    /**
     * @param maskRatio r, fraction of removed patches in [0, 1)
     * @param scores θ̄ of each source image
     */
    public ThetaTopStrategy(double maskRatio, ScoreSource scores) {
        MaskResults.checkRatio(maskRatio);
        this.maskRatio = maskRatio;
        this.scores = ThetaRankMasks.require(scores, NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** r. */
    public double maskRatio() {
        return maskRatio;
    }

    @Override
    public MaskResult sample(MaskContext context, NDManager manager) {
        return ThetaRankMasks.sample(scores, maskRatio, true, NAME, context, manager);
    }

    @Override
    public String toString() {
        return "ThetaTopStrategy[maskRatio=" + maskRatio + "]";
    }
}
