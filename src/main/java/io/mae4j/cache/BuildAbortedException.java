package io.mae4j.cache;

/** Thrown by the {@link CacheBuilder#abortAfter} test hook: the build stopped as if killed. */
public final class BuildAbortedException extends RuntimeException {

    /** @param committed entries committed before the abort */
    public BuildAbortedException(int committed) {
        super("cache build aborted by the test hook after " + committed + " committed entries");
    }
}
