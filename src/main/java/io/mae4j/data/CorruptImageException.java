package io.mae4j.data;

import java.nio.file.Path;

/** An image file that cannot be read or decoded: empty, truncated, not an image, unreadable. */
public final class CorruptImageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final String reason;

    /**
     * @param path the offending file
     * @param reason why it was rejected, in words
     */
    public CorruptImageException(Path path, String reason) {
        this(path, reason, null);
    }

    /**
     * @param path the offending file
     * @param reason why it was rejected, in words
     * @param cause the underlying error, may be null
     */
    public CorruptImageException(Path path, String reason, Throwable cause) {
        super("Cannot decode image " + path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /** The offending file. */
    public Path path() {
        return path;
    }

    /** Why it was rejected. */
    public String reason() {
        return reason;
    }
}
