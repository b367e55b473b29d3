package io.mae4j.run;

import java.io.IOException;

/**
 * Parameters or optimizer moments became NaN or infinite: the state is not saved (the previous
 * checkpoint stays) and the run stops. An {@link IOException} so the command line reports it as one
 * line, without a stack trace.
 */
public final class NonFiniteStateException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is non-finite, which file is kept and what to do */
    public NonFiniteStateException(String message) {
        super(message);
    }
}
