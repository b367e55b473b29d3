package io.mae4j.data;

import java.nio.file.Path;
import java.util.List;

/**
 * An indexed, labelled collection of image files, as seen by {@link BatchLoader}. Indices are
 * 0..size()-1 in a fixed order; labels are 0..classNames().size()-1.
 */
public interface ImageDataset {

    /** Number of samples. */
    int size();

    /** File of sample {@code index}. */
    Path path(int index);

    /** Class index of sample {@code index}. */
    int label(int index);

    /** Readable class names, indexed by label. */
    List<String> classNames();

    /**
     * Decodes sample {@code index}; when that file is corrupt it is recorded and the next index (cyclic)
     * that decodes is returned instead, so callers always get an image.
     *
     * @throws DatasetException when no sample at all can be decoded
     */
    LoadedImage load(int index);
}
