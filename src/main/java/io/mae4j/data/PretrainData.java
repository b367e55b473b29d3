package io.mae4j.data;

import java.util.List;
import java.util.Locale;

/**
 * The datasets and transforms of a pre-training run ({@link DataSettings}): the training split with
 * MAE augmentation, and the k-NN memory (train) and query (val) splits with the evaluation
 * transform. Generates the synthetic set on first use.
 */
public final class PretrainData implements AutoCloseable {

    private final ImageFolderDataset train;
    private final ImageFolderDataset knnMemory;
    private final ImageFolderDataset knnQuery;
    private final SplitLoaders loaders;

    private PretrainData(ImageFolderDataset train, ImageFolderDataset knnMemory, ImageFolderDataset knnQuery,
            SplitLoaders loaders) {
        this.train = train;
        this.knnMemory = knnMemory;
        this.knnQuery = knnQuery;
        this.loaders = loaders;
    }

    /**
     * The k-NN splits' caps ({@code eval.max_train}, {@code eval.max_val}).
     *
     * @param maxTrain cap on the memory (training) images, 0 = the whole training split
     * @param maxVal cap on the query (validation) images, 0 = {@code data.max_val}
     */
    public record KnnSplits(int maxTrain, int maxVal) {}

    /**
     * Opens the run's data.
     *
     * @param d the data section
     * @param knn the k-NN splits' caps, or null when k-NN evaluation is off (no validation split is opened)
     * @param imgSize the model input side
     * @param seed seed of the shuffles and augmentation
     */
    public static PretrainData open(DataSettings d, KnnSplits knn, int imgSize, long seed) {
        d.ensureGenerated();
        ImageFolderDataset train = d.open(d.trainSplit(), d.maxTrain());
        ImageFolderDataset memory = train;
        ImageFolderDataset query = null;
        if (knn != null) {
            memory = knn.maxTrain() > 0 ? d.open(d.trainSplit(), knn.maxTrain()) : train;
            query = d.open(d.valSplit(), firstPositive(knn.maxVal(), d.maxVal()));
        }
        return new PretrainData(train, memory, query, SplitLoaders.of(d, imgSize, seed));
    }

    private static int firstPositive(int a, int b) {
        return a > 0 ? a : b;
    }

    /** Full batches per epoch (the last partial batch is dropped, as in the official loader). */
    public int itersPerEpoch(int batchSize) {
        return SplitLoaders.fullBatches(train, batchSize, "train.batch_size");
    }

    /** The shuffled, augmented batches of one training epoch. */
    public BatchLoader trainBatches(int batchSize, int epoch) {
        return loaders.trainBatches(train, batchSize, epoch);
    }

    /** Batches of a split in order, with the evaluation transform. */
    public BatchLoader evalBatches(ImageDataset split, int batchSize) {
        return loaders.evalBatches(split, batchSize);
    }

    /**
     * A fixed, class-balanced set of {@code n} images (fewer if the split is smaller) of the validation split, or of the
     * training split when evaluation is off or {@code trainSplit} is set (score-guided masks have θ
     * scores for training images only), with the evaluation transform: a fixed set to watch.
     */
    public HostBatch previewBatch(int n, boolean trainSplit) {
        ImageFolderDataset full = knnQuery != null && !trainSplit ? knnQuery : train;
        // a class-balanced subset (the dataset's own maxImages rule), so the grid shows several classes
        ImageFolderDataset split = ImageFolderDataset.open(full.root(), full.split(), n).maxPixels(full.maxPixels());
        try (BatchLoader loader = evalBatches(split, n)) {
            return loader.next();
        }
    }

    public ImageFolderDataset train() {
        return train;
    }

    public ImageFolderDataset knnMemory() {
        return knnMemory;
    }

    /** The k-NN query split, or null when evaluation is off. */
    public ImageFolderDataset knnQuery() {
        return knnQuery;
    }

    /** Fingerprint of the training split (the val split when evaluated, too). */
    public String fingerprint() {
        return knnQuery == null ? train.fingerprint()
                : ImageFolderDataset.fingerprint(train, knnQuery);
    }

    /** One line on what is being read. */
    public String describe() {
        String val = knnQuery == null ? "k-NN evaluation off"
                : String.format(Locale.ROOT, "k-NN memory %d, queries %d (%s)", knnMemory.size(), knnQuery.size(),
                        knnQuery.split());
        return String.format(Locale.ROOT, "data %s: %d training images in %d classes (%s); %s",
                train.root(), train.size(), train.classNames().size(), train.split(), val);
    }

    /** The corrupt or unreadable files skipped so far, one per line; empty when none. */
    public String skipReport() {
        StringBuilder sb = new StringBuilder();
        int zero = train.zeroByteFiles() + (knnQuery == null ? 0 : knnQuery.zeroByteFiles());
        if (zero > 0) {
            sb.append(zero).append(" empty (zero-byte) files skipped at scan time\n");
        }
        // each file once, though the k-NN memory may be the training split itself (one SkipLog) or a second view of it
        java.util.Map<java.nio.file.Path, String> skipped = new java.util.LinkedHashMap<>();
        for (ImageFolderDataset ds : knnQuery == null ? List.of(train) : List.of(train, knnMemory, knnQuery)) {
            for (SkipLog.Entry e : ds.skipLog().entries()) {
                skipped.putIfAbsent(e.path(), e.reason());
            }
        }
        skipped.forEach((p, r) -> sb.append("skipped ").append(p).append(": ").append(r).append('\n'));
        if (sb.length() > 0) {
            sb.insert(0, "skipped files (replaced by the next readable image):\n");
        }
        return sb.toString().strip();
    }

    @Override
    public void close() {
        // datasets hold no native resources; loaders are closed per epoch
    }
}
