package io.mae4j.mask;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * Registers {@link GuidedCurriculumStrategy} as {@code mask.name = guided_curriculum}. Reads
 * {@code mask.mask_ratio} and the {@code mask.guided} section: the β schedule ({@link
 * BetaSchedule#fromConfig}) and {@code tau}. Needs the θ score cache: {@link #create(Config)} alone
 * fails with a message saying so.
 */
public final class GuidedCurriculumStrategyFactory extends ScoreGuidedStrategyFactory {

    @Override
    public String name() {
        return GuidedCurriculumStrategy.NAME;
    }

    @Override
    public MaskStrategy create(Config maskSection, ScoreSource scores) {
        Config guided = maskSection.hasPath("guided") ? maskSection.getConfig("guided")
                : ConfigFactory.empty();
        double ratio = ConfigValues.getDouble(maskSection, "mask_ratio");
        BetaSchedule schedule = BetaSchedule.fromConfig(guided);
        double tau = ConfigValues.getDouble(maskSection, "guided.tau");
        return new GuidedCurriculumStrategy(ratio, schedule, ThetaRankMasks.require(scores, name()), tau);
    }
}
