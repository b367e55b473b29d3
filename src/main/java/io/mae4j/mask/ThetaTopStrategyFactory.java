package io.mae4j.mask;

import com.typesafe.config.Config;

/**
 * Registers {@link ThetaTopStrategy} as {@code mask.name = theta_top}; reads {@code
 * mask.mask_ratio}. Needs the θ score cache: {@link #create(Config)} alone fails with a message
 * saying so.
 */
public final class ThetaTopStrategyFactory implements MaskStrategyFactory {

    @Override
    public String name() {
        return ThetaTopStrategy.NAME;
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
        return new ThetaTopStrategy(ConfigValues.getDouble(maskSection, "mask_ratio"), scores);
    }
}
