package io.mae4j.mask;

import com.typesafe.config.Config;

/**
 * Registers {@link ThetaBottomStrategy} as {@code mask.name = theta_bottom}; reads {@code
 * mask.mask_ratio}. Needs the θ score cache: {@link #create(Config)} alone fails with a message
 * saying so.
 */
public final class ThetaBottomStrategyFactory implements MaskStrategyFactory {

    @Override
    public String name() {
        return ThetaBottomStrategy.NAME;
    }

    @Override
    public boolean needsScores() {
        return true;
    }

    @Override
    public MaskStrategy create(Config maskSection) {
        return create(maskSection, null);
    }

    @Override
    public MaskStrategy create(Config maskSection, ScoreSource scores) {
        return new ThetaBottomStrategy(ConfigValues.getDouble(maskSection, "mask_ratio"), scores);
    }
}
