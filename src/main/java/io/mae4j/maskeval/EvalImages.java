package io.mae4j.maskeval;

import io.mae4j.data.DecodedImage;

/**
 * Labelled evaluation images, in a fixed order; labels are the classifier's label indices. The
 * runner decodes them batch by batch, so a large split never sits in memory at once.
 */
public interface EvalImages {

    /**
     * One image.
     *
     * @param name a short name (file name)
     * @param label the true label in the classifier's label order
     * @param image the decoded RGB image (any size; the runner resizes and centre-crops it)
     */
    record Item(String name, int label, DecodedImage image) {}

    /** Number of images. */
    int size();

    /** Image {@code index}, decoded. */
    Item get(int index);
}
