package io.mae4j.config;

/**
 * A configuration the user can fix: an unknown key, a missing group option, a value of the
 * wrong type, a malformed {@code key=value}. The message names the key, the file or override
 * it came from, the offending value, and what to do instead.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message the full user-facing explanation */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message the full user-facing explanation
     * @param cause the underlying parse or I/O failure
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
