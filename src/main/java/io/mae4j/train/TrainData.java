package io.mae4j.train;

import com.typesafe.config.Config;
import io.mae4j.data.BatchLoader;
import io.mae4j.data.HostBatch;
import io.mae4j.data.ImageDataset;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.MaeTransform;
import io.mae4j.data.SkipLog;
import io.mae4j.data.SyntheticDataset;
import io.mae4j.data.TransformSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import io.mae4j.run.RunFolder;
import io.mae4j.data.Normalization;

/**
 * The datasets and transforms of a run, from the {@code data.*} and {@code eval.*} keys: the
 * training split with MAE augmentation, and the k-NN memory (train) and query (val) splits with
 * the evaluation transform. Generates the synthetic set on first use.
 */
final class TrainData implements AutoCloseable {

    private final ImageFolderDataset train;
    private final ImageFolderDataset knnMemory;
    private final ImageFolderDataset knnQuery;
    private final MaeTransform trainTransform;
    private final MaeTransform evalTransform;
    private final long seed;
    private final int workers;
    private final int prefetch;

    private TrainData(ImageFolderDataset train, ImageFolderDataset knnMemory, ImageFolderDataset knnQuery,
            TransformSettings ts, long seed, int workers, int prefetch) {
        this.train = train;
        this.knnMemory = knnMemory;
        this.knnQuery = knnQuery;
        this.trainTransform = MaeTransform.train(ts);
        this.evalTransform = MaeTransform.eval(ts);
        this.seed = seed;
        this.workers = workers;
        this.prefetch = prefetch;
    }

    /** Opens the run's data; {@code imgSize} is the model input side. */
    static TrainData open(Config c, int imgSize, long seed) {
        Config d = c.getConfig("data");
        Path root = Path.of(d.getString("root"));
        SyntheticDataset.ensureFor(d);
        String trainSplit = d.getString("train_split");
        String valSplit = d.getString("val_split");
        ImageFolderDataset train = ImageFolderDataset.open(root, trainSplit, d.getInt("max_train"));
        ImageFolderDataset memory = train;
        ImageFolderDataset query = null;
        if (c.getInt("eval.every") > 0) {
            int maxTrain = c.getInt("eval.max_train");
            memory = maxTrain > 0 ? ImageFolderDataset.open(root, trainSplit, maxTrain) : train;
            query = ImageFolderDataset.open(root, valSplit, firstPositive(c.getInt("eval.max_val"), d.getInt("max_val")));
        }
        List<Double> scale = d.getDoubleList("crop_scale");
        List<Double> ratio = d.getDoubleList("crop_ratio");
        TransformSettings ts = new TransformSettings(imgSize, scale.get(0), scale.get(1), ratio.get(0), ratio.get(1),
                d.getDouble("hflip"), Normalization.from(d).mean(), Normalization.from(d).std());
        return new TrainData(train, memory, query, ts, seed, d.getInt("num_workers"), d.getInt("prefetch"));
    }

    private static int firstPositive(int a, int b) {
        return a > 0 ? a : b;
    }


    /** Full batches per epoch (the last partial batch is dropped, as in the official loader). */
    int itersPerEpoch(int batchSize) {
        int n = BatchLoader.batchesPerEpoch(train.size(), batchSize, true);
        if (n == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the training split %s has %d images, fewer than train.batch_size = %d: lower"
                            + " train.batch_size or add images", train.root().resolve(train.split()), train.size(),
                    batchSize));
        }
        return n;
    }

    /** The shuffled, augmented batches of one training epoch. */
    BatchLoader trainBatches(int batchSize, int epoch) {
        return BatchLoader.builder(train, trainTransform).batchSize(batchSize).seed(seed).epoch(epoch).shuffle(true)
                .dropLast(true).numWorkers(workers).prefetch(prefetch).build();
    }

    /** Batches of a split in order, with the evaluation transform. */
    BatchLoader evalBatches(ImageDataset split, int batchSize) {
        return BatchLoader.builder(split, evalTransform).batchSize(batchSize).seed(seed).epoch(0).shuffle(false)
                .dropLast(false).numWorkers(workers).prefetch(prefetch).build();
    }

    /**
     * A fixed, class-balanced set of {@code n} images (fewer if the split is smaller) of the validation split, or of the
     * training split when evaluation is off or {@code trainSplit} is set (score-guided masks have θ
     * scores for training images only), with the evaluation transform: a fixed set to watch.
     */
    HostBatch previewBatch(int n, boolean trainSplit) {
        ImageFolderDataset full = knnQuery != null && !trainSplit ? knnQuery : train;
        // a class-balanced subset (the dataset's own maxImages rule), so the grid shows several classes
        ImageFolderDataset split = ImageFolderDataset.open(full.root(), full.split(), n);
        try (BatchLoader loader = evalBatches(split, n)) {
            return loader.next();
        }
    }

    ImageFolderDataset train() {
        return train;
    }

    ImageFolderDataset knnMemory() {
        return knnMemory;
    }

    /** The k-NN query split, or null when evaluation is off. */
    ImageFolderDataset knnQuery() {
        return knnQuery;
    }

    /** Fingerprint of the training split (the val split when evaluated, too). */
    String fingerprint() {
        return knnQuery == null ? train.fingerprint()
                : RunFolder.sha256(train.fingerprint() + ":" + knnQuery.fingerprint());
    }

    /** One line on what is being read. */
    String describe() {
        String val = knnQuery == null ? "k-NN evaluation off"
                : String.format(Locale.ROOT, "k-NN memory %d, queries %d (%s)", knnMemory.size(), knnQuery.size(),
                        knnQuery.split());
        return String.format(Locale.ROOT, "data %s: %d training images in %d classes (%s); %s",
                train.root(), train.size(), train.classNames().size(), train.split(), val);
    }

    /** The corrupt or unreadable files skipped so far, one per line; empty when none. */
    String skipReport() {
        StringBuilder sb = new StringBuilder();
        int zero = train.zeroByteFiles() + (knnQuery == null ? 0 : knnQuery.zeroByteFiles());
        if (zero > 0) {
            sb.append(zero).append(" empty (zero-byte) files skipped at scan time\n");
        }
        for (ImageFolderDataset ds : knnQuery == null ? List.of(train) : List.of(train, knnMemory, knnQuery)) {
            SkipLog log = ds.skipLog();
            for (SkipLog.Entry e : log.entries()) {
                sb.append("skipped ").append(e.path()).append(": ").append(e.reason()).append('\n');
            }
        }
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
