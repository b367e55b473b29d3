package io.mae4j.mask;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/**
 * Reads typed values of the {@code mask} section with errors that name the full key. Every key is
 * required: its one default is in {@code configs/defaults.conf}, never a fallback here.
 */
final class ConfigValues {

    private ConfigValues() {}

    static double getDouble(Config maskSection, String key) {
        require(maskSection, key);
        try {
            return maskSection.getDouble(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("mask." + key + ": " + e.getMessage(), e);
        }
    }

    static int getInt(Config maskSection, String key) {
        require(maskSection, key);
        try {
            return maskSection.getInt(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("mask." + key + ": " + e.getMessage(), e);
        }
    }

    private static void require(Config maskSection, String key) {
        if (!maskSection.hasPath(key)) {
            throw new IllegalArgumentException("mask." + key + " is missing; configs/defaults.conf gives every key its"
                    + " default (pass mask." + key + "=<value> or compose the config from configs/)");
        }
    }
}
