package io.mae4j.mask;

import com.typesafe.config.Config;

/**
 * Service-provider interface that makes a {@link MaskStrategy} available under a config name.
 * Implementations are listed in {@code META-INF/services/io.mae4j.mask.MaskStrategyFactory} and
 * found by {@link MaskStrategies} through {@link java.util.ServiceLoader}; they need a public
 * no-argument constructor.
 */
public interface MaskStrategyFactory {

    /** The value of {@code mask.name} that selects this strategy. */
    String name();

    /**
     * Builds the strategy from the {@code mask} config section.
     *
     * @param maskSection the {@code mask} sub-config (keys such as {@code mask_ratio})
     * @return a new strategy
     * @throws IllegalArgumentException when a key is missing or invalid (the message names it)
     */
    MaskStrategy create(Config maskSection);
}
