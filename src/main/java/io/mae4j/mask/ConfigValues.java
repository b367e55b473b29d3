package io.mae4j.mask;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/** Reads typed values of the {@code mask} section with errors that name the full key. */
final class ConfigValues {

    private ConfigValues() {}

    static double getDouble(Config maskSection, String key) {
        try {
            return maskSection.getDouble(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("mask." + key + ": " + e.getMessage(), e);
        }
    }

    static double getDouble(Config maskSection, String key, double fallback) {
        return maskSection.hasPath(key) ? getDouble(maskSection, key) : fallback;
    }

    static int getInt(Config maskSection, String key, int fallback) {
        if (!maskSection.hasPath(key)) {
            return fallback;
        }
        try {
            return maskSection.getInt(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("mask." + key + ": " + e.getMessage(), e);
        }
    }
}
