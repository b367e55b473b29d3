package io.mae4j.mask;

import com.typesafe.config.Config;

/**
 * Service-provider interface that makes a {@link MaskStrategy} available under a config name.
 * Implementations are listed in {@code META-INF/services/io.mae4j.mask.MaskStrategyFactory} and
 * found by {@link MaskStrategies} through {@link java.util.ServiceLoader}; they need a public
 * no-argument constructor.
 *
 * <p>Score-guided strategies ({@code guided_curriculum}, {@code theta_top}, {@code theta_bottom})
 * also need the θ score cache: they return true from {@link #needsScores()} and are built with
 * {@link #create(Config, ScoreSource)}. The trainer asks {@link MaskStrategies#needsScores(String)},
 * opens the cache named by {@code mask.guided.cache} (a {@link ScoreSource}) only then, and passes it
 * to {@link MaskStrategies#create(String, Config, ScoreSource)}; it must also fill {@link
 * MaskContext#sources()} (and {@link MaskContext#geometries()}) for every batch.
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

    /** Whether {@link #create(Config, ScoreSource)} needs a non-null score source; false by default. */
    default boolean needsScores() {
        return false;
    }

    /**
     * Builds the strategy with the θ scores it may need. The default ignores {@code scores} and
     * calls {@link #create(Config)}.
     *
     * @param maskSection the {@code mask} sub-config
     * @param scores the opened θ score cache, or null when the run has none
     * @return a new strategy
     * @throws IllegalArgumentException when a key is invalid, or scores are needed and null
     */
    default MaskStrategy create(Config maskSection, ScoreSource scores) {
        return create(maskSection);
    }
}
