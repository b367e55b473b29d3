package io.mae4j.data;

import java.util.Locale;

/**
 * The batch loaders of a run's splits, from one {@link DataSettings}: shuffled training batches with
 * MAE's augmentation (the last partial batch dropped, as in the official loader), and in-order
 * batches with the evaluation transform (the last batch possibly short). One seed and one thread
 * setting for all; shared by pre-training and the classifiers.
 *
 * @param train the training transform
 * @param eval the evaluation transform
 * @param seed seed of the shuffles and augmentation
 * @param workers decoding threads
 * @param prefetch batches prepared ahead
 */
public record SplitLoaders(MaeTransform train, MaeTransform eval, long seed, int workers, int prefetch) {

    /** The loaders of a data section for a model input side. */
    public static SplitLoaders of(DataSettings d, int imgSize, long seed) {
        TransformSettings ts = d.transform(imgSize);
        return new SplitLoaders(MaeTransform.train(ts), MaeTransform.eval(ts), seed, d.numWorkers(), d.prefetch());
    }

    /** The shuffled, augmented full batches of one training epoch. */
    public BatchLoader trainBatches(ImageDataset split, int batchSize, int epoch) {
        return BatchLoader.builder(split, train).batchSize(batchSize).seed(seed).epoch(epoch).shuffle(true)
                .dropLast(true).numWorkers(workers).prefetch(prefetch).build();
    }

    /** Batches of a split in order, with the evaluation transform. */
    public BatchLoader evalBatches(ImageDataset split, int batchSize) {
        return BatchLoader.builder(split, eval).batchSize(batchSize).seed(seed).epoch(0).shuffle(false)
                .dropLast(false).numWorkers(workers).prefetch(prefetch).build();
    }

    /**
     * Full training batches per epoch.
     *
     * @param batchKey the key that sets the batch size, named in the error
     * @throws IllegalArgumentException when the split holds fewer images than one batch
     */
    public static int fullBatches(ImageFolderDataset split, int batchSize, String batchKey) {
        int n = BatchLoader.batchesPerEpoch(split.size(), batchSize, true);
        if (n == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the training split %s has %d images, fewer than %s = %d: lower %s or add images",
                    split.root().resolve(split.split()), split.size(), batchKey, batchSize, batchKey));
        }
        return n;
    }
}
