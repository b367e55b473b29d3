package io.mae4j.data;

/**
 * A dataset-level problem the user must fix: a missing folder, a split without images, a dataset
 * where no image decodes, a synthetic folder generated with another spec, a failure in a loader
 * worker. The message names the file or folder and says what to do.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public DatasetException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause the underlying error
     */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
