package io.mae4j.maskeval;

import io.mae4j.data.DecodedImage;

/**
 * Labelled evaluation images, in a fixed order; labels are the classifier's label indices. The
 * runner decodes them in batches, so a large split never sits in memory at once.
 */
public interface EvalImages {

    /** Number of images. */
    int size();

    /** A short name (file name). */
    String name(int index);

    /** The true label in the classifier's label order. */
    int label(int index);

    /** The decoded RGB image (any size; the runner resizes and centre-crops it). */
    DecodedImage image(int index);
}
