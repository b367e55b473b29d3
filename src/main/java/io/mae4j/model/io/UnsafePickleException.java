package io.mae4j.model.io;

/**
 * A pickle in a {@code .pth} file named a Python global outside the allow-list (tensors, storages,
 * {@code OrderedDict}, {@code argparse.Namespace}). Nothing it named was constructed.
 */
public class UnsafePickleException extends WeightFileException {

    private static final long serialVersionUID = 1L;

    private final String global;

    /** @param global {@code module.name} that was refused; @param message the full explanation */
    public UnsafePickleException(String global, String message) {
        super(message);
        this.global = global;
    }

    /** The refused global, {@code module.name}. */
    public String global() {
        return global;
    }
}
