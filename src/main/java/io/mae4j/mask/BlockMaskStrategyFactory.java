package io.mae4j.mask;

import com.typesafe.config.Config;

/**
 * Registers {@link BlockMaskStrategy} as {@code mask.name = block}. Reads {@code mask.mask_ratio},
 * {@code mask.block.min_num_patches}, {@code mask.block.max_num_patches} (0 = no cap) and
 * {@code mask.block.min_aspect}; all required, their defaults in {@code configs/defaults.conf}.
 */
public final class BlockMaskStrategyFactory implements MaskStrategyFactory {

    @Override
    public String name() {
        return BlockMaskStrategy.NAME;
    }

    @Override
    public MaskStrategy create(Config maskSection) {
        return new BlockMaskStrategy(
                ConfigValues.getDouble(maskSection, "mask_ratio"),
                ConfigValues.getInt(maskSection, "block.min_num_patches"),
                ConfigValues.getInt(maskSection, "block.max_num_patches"),
                ConfigValues.getDouble(maskSection, "block.min_aspect"));
    }
}
