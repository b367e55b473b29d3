package io.mae4j.maskeval;

import ai.djl.ndarray.NDManager;
import io.mae4j.classify.ClassifierCheckpoint;
import io.mae4j.classify.PatchClassifier;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a trained classifier for mask-eval: the only place where mask-eval depends on how
 * classifiers are saved. The default, {@link #standard()}, reads the checkpoints written by
 * {@code linprobe} / {@code finetune} ({@link ClassifierCheckpoint#load}); tests pass their own loader.
 */
@FunctionalInterface
public interface ClassifierLoader {

    /**
     * Loads a classifier in inference mode.
     *
     * @param checkpoint what {@code checkpoint=} named
     * @param manager owns the classifier's arrays
     */
    PatchClassifier load(Path checkpoint, NDManager manager) throws IOException;

    /** The project's classifier checkpoints: a linprobe / finetune run folder or its {@code .ckpt}. */
    static ClassifierLoader standard() {
        return ClassifierCheckpoint::load;
    }
}
