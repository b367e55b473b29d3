package io.mae4j.mask;

import com.typesafe.config.Config;

/**
 * Registers {@link ThetaRankStrategy} as {@code mask.name = theta_top} ({@link Top}) and
 * {@code theta_bottom} ({@link Bottom}); reads {@code mask.mask_ratio}. Needs the θ score cache:
 * {@link #create(Config)} alone fails with a message saying so.
 */
public abstract class ThetaRankStrategyFactory extends ScoreGuidedStrategyFactory {

    private final boolean top;

    ThetaRankStrategyFactory(boolean top) {
        this.top = top;
    }

    @Override
    public String name() {
        return top ? ThetaRankStrategy.TOP : ThetaRankStrategy.BOTTOM;
    }

    @Override
    public MaskStrategy create(Config maskSection, ScoreSource scores) {
        double r = ConfigValues.getDouble(maskSection, "mask_ratio");
        return top ? ThetaRankStrategy.top(r, scores) : ThetaRankStrategy.bottom(r, scores);
    }

    /** {@code theta_top}. */
    public static final class Top extends ThetaRankStrategyFactory {
        public Top() {
            super(true);
        }
    }

    /** {@code theta_bottom}. */
    public static final class Bottom extends ThetaRankStrategyFactory {
        public Bottom() {
            super(false);
        }
    }
}
