package io.mae4j.mask;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.Locale;
import io.mae4j.config.Suggest;

/**
 * The registry of mask strategies: finds every {@link MaskStrategyFactory} on the class path with
 * {@link ServiceLoader} and builds the one named in {@code mask.name}.
 */
public final class MaskStrategies {

    private MaskStrategies() {}

    /**
     * Builds the strategy named by {@code mask.name} of the given section.
     *
     * @param maskSection the {@code mask} sub-config
     * @return a new strategy
     */
    public static MaskStrategy create(Config maskSection) {
        if (!maskSection.hasPath("name")) {
            throw new IllegalArgumentException("mask.name is missing; choose one of " + available());
        }
        return create(maskSection.getString("name"), maskSection);
    }

    /**
     * Builds a strategy by name.
     *
     * @param name the strategy name, e.g. {@code random} or {@code block}
     * @param maskSection the {@code mask} sub-config handed to the factory
     * @return a new strategy
     * @throws IllegalArgumentException for an unknown name (the message lists the available names,
     *     closest first) or invalid settings
     */
    public static MaskStrategy create(String name, Config maskSection) {
        return create(name, maskSection, null);
    }

    /**
     * Builds the strategy named by {@code mask.name}, handing it the θ scores.
     *
     * @param maskSection the {@code mask} sub-config
     * @param scores the opened θ score cache, or null when the run has none
     * @return a new strategy
     */
    public static MaskStrategy create(Config maskSection, ScoreSource scores) {
        if (!maskSection.hasPath("name")) {
            throw new IllegalArgumentException("mask.name is missing; choose one of " + available());
        }
        return create(maskSection.getString("name"), maskSection, scores);
    }

    /**
     * Builds a strategy by name, handing it the θ scores (see {@link MaskStrategyFactory#needsScores()}).
     *
     * @param name the strategy name
     * @param maskSection the {@code mask} sub-config handed to the factory
     * @param scores the opened θ score cache, or null when the run has none
     * @return a new strategy
     * @throws IllegalArgumentException for an unknown name, invalid settings, or a strategy that
     *     needs scores given none
     */
    public static MaskStrategy create(String name, Config maskSection, ScoreSource scores) {
        return factory(name).create(maskSection, scores);
    }

    /**
     * Whether the named strategy needs a {@link ScoreSource} (the θ score cache).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static boolean needsScores(String name) {
        return factory(name).needsScores();
    }

    private static MaskStrategyFactory factory(String name) {
        Map<String, MaskStrategyFactory> factories = factories();
        MaskStrategyFactory factory = factories.get(name);
        if (factory == null) {
            List<String> names = new ArrayList<>(factories.keySet());
            names.sort(Comparator.comparingInt((String s) -> editDistance(name, s)).thenComparing(s -> s));
            throw new IllegalArgumentException("Unknown mask strategy '" + name + "' (mask.name); available, closest first: "
                    + String.join(", ", names));
        }
        return factory;
    }

    /** The registered names, sorted. */
    public static List<String> available() {
        return new ArrayList<>(factories().keySet());
    }

    private static Map<String, MaskStrategyFactory> factories() {
        Map<String, MaskStrategyFactory> byName = new TreeMap<>();
        for (MaskStrategyFactory factory : ServiceLoader.load(MaskStrategyFactory.class, MaskStrategies.class.getClassLoader())) {
            MaskStrategyFactory previous = byName.putIfAbsent(factory.name(), factory);
            if (previous != null && previous.getClass() != factory.getClass()) {
                throw new IllegalStateException("Two mask strategy factories claim the name '" + factory.name() + "': "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return byName;
    }

    /** Levenshtein distance ({@link Suggest#levenshtein}), case-insensitive. */
    static int editDistance(String a, String b) {
        return Suggest.levenshtein(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
    }
}
