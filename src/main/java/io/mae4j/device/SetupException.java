package io.mae4j.device;

/**
 * The machine cannot run what the config asks (no loadable libtorch, no GPU for {@code runtime.device=gpu}).
 * An expected condition, not a bug: the message is one sentence that names what was found and the fix,
 * and the command line prints it without a stack trace.
 */
public final class SetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one sentence: what was asked, what was found, what to do */
    public SetupException(String message) {
        super(message);
    }
}
