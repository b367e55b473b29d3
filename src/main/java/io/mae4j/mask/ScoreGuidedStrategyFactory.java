package io.mae4j.mask;

import com.typesafe.config.Config;

/**
 * Base of the factories whose strategies read the θ score cache ({@code guided_curriculum},
 * {@code theta_top}, {@code theta_bottom}): {@link #needsScores()} is true and {@link #create(Config)}
 * passes no scores, so it fails with the message of {@link ThetaRankMasks#require}.
 */
public abstract class ScoreGuidedStrategyFactory implements MaskStrategyFactory {

    @Override
    public final boolean needsScores() {
        return true;
    }

    @Override
    public final MaskStrategy create(Config maskSection) {
        return create(maskSection, null);
    }

    @Override
    public abstract MaskStrategy create(Config maskSection, ScoreSource scores);
}
