package io.mae4j.cache;

import java.io.IOException;

/** A θ score cache that is missing or does not match the dataset / scorer / settings in use. */
public final class StaleCacheException extends IOException {

    /** @param message what differs and the command that rebuilds the cache */
    public StaleCacheException(String message) {
        super(message);
    }
}
