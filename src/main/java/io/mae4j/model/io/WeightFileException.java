package io.mae4j.model.io;

import java.io.IOException;

/** A weight file that cannot be read or written: wrong format, corrupt content, unsupported feature. */
public class WeightFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message names the file and says what to do */
    public WeightFileException(String message) {
        super(message);
    }

    /** @param message names the file and says what to do; @param cause the underlying failure */
    public WeightFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
