package io.mae4j.maskeval;

import ai.djl.ndarray.NDManager;
import io.mae4j.classify.PatchClassifier;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * Opens a trained classifier for mask-eval: the only place where mask-eval depends on how
 * classifiers are saved. The default, {@link #standard()}, calls {@code
 * io.mae4j.classify.ClassifierCheckpoint.load(Path, NDManager)} (written by {@code linprobe} /
 * {@code finetune}); tests pass their own loader.
 */
@FunctionalInterface
public interface ClassifierLoader {

    /** Name of the class whose static {@code load(Path, NDManager)} {@link #standard()} calls. */
    String STANDARD_CLASS = "io.mae4j.classify.ClassifierCheckpoint";

    /**
     * Loads a classifier in inference mode.
     *
     * @param checkpoint what {@code checkpoint=} named
     * @param manager owns the classifier's arrays
     */
    PatchClassifier load(Path checkpoint, NDManager manager) throws IOException;

    /**
     * The project's classifier checkpoints, looked up by name so that this package compiles
     * without the classifier package; the lookup fails with what to do when the build has none.
     */
    static ClassifierLoader standard() {
        return (checkpoint, manager) -> {
            Method load;
            try {
                load = Class.forName(STANDARD_CLASS).getMethod("load", Path.class, NDManager.class);
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                throw new IllegalStateException("this build has no classifier loader " + STANDARD_CLASS
                        + ".load(Path, NDManager): build mae4j with the linprobe / finetune classifiers", e);
            }
            try {
                return (PatchClassifier) load.invoke(null, checkpoint, manager);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException("cannot load classifier " + checkpoint + ": " + cause, cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(STANDARD_CLASS + ".load is not public", e);
            }
        };
    }
}
