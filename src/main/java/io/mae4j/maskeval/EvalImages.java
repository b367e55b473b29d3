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

    /** The label of image {@code index} (decodes it unless the implementation knows better). */
    default int label(int index) {
        return get(index).label();
    }

    /**
     * The images of a gallery: classes in turn (round robin over the labels in order of first appearance),
     * each class's images in split order, until {@code count} are picked or the split runs out.
     *
     * @param labels every image's label
     * @return the picked indices, in showing order
     */
    static int[] roundRobin(int[] labels, int count) {
        java.util.LinkedHashMap<Integer, java.util.ArrayDeque<Integer>> byClass = new java.util.LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new java.util.ArrayDeque<>()).add(i);
        }
        int n = Math.min(count, labels.length);
        int[] out = new int[n];
        int k = 0;
        while (k < n) {
            for (java.util.ArrayDeque<Integer> q : byClass.values()) {
                if (k < n && !q.isEmpty()) {
                    out[k++] = q.poll();
                }
            }
        }
        return out;
    }
}
