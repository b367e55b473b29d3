package io.mae4j.mask;

import com.typesafe.config.Config;

/** Registers {@link RandomMaskStrategy} as {@code mask.name = random}; reads {@code mask.mask_ratio}. */
public final class RandomMaskStrategyFactory implements MaskStrategyFactory {

    @Override
    public String name() {
        return RandomMaskStrategy.NAME;
    }

    @Override
    public MaskStrategy create(Config maskSection) {
        return new RandomMaskStrategy(ConfigValues.getDouble(maskSection, "mask_ratio"));
    }
}
