package io.mae4j.mask;

import com.typesafe.config.Config;

/**
 * Registers {@link BlockMaskStrategy} as {@code mask.name = block}. Reads {@code mask.mask_ratio}
 * (required) and {@code mask.block.min_num_patches} (default 16), {@code mask.block.max_num_patches}
 * (default 0 = no cap), {@code mask.block.min_aspect} (default 0.3) — BEiT's defaults.
 */
public final class BlockMaskStrategyFactory implements MaskStrategyFactory {

    /** BEiT's default smallest block area. */
    public static final int DEFAULT_MIN_NUM_PATCHES = 16;
    /** No cap on the block area. */
    public static final int DEFAULT_MAX_NUM_PATCHES = 0;
    /** BEiT's default smallest aspect ratio. */
    public static final double DEFAULT_MIN_ASPECT = 0.3;

    @Override
    public String name() {
        return BlockMaskStrategy.NAME;
    }

    @Override
    public MaskStrategy create(Config maskSection) {
        return new BlockMaskStrategy(
                ConfigValues.getDouble(maskSection, "mask_ratio"),
                ConfigValues.getInt(maskSection, "block.min_num_patches", DEFAULT_MIN_NUM_PATCHES),
                ConfigValues.getInt(maskSection, "block.max_num_patches", DEFAULT_MAX_NUM_PATCHES),
                ConfigValues.getDouble(maskSection, "block.min_aspect", DEFAULT_MIN_ASPECT));
    }
}
