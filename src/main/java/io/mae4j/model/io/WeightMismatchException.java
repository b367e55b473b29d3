package io.mae4j.model.io;

/**
 * Weights that do not fit the model (missing, unexpected or mis-shaped tensors): an input error the
 * command line reports in one line. An {@link IllegalStateException}, as the importer has always thrown.
 */
public final class WeightMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message which file, which tensors, and what to do */
    public WeightMismatchException(String message) {
        super(message);
    }
}
