package io.mae4j.classify;

import com.typesafe.config.Config;
import io.mae4j.data.BatchLoader;
import io.mae4j.data.DataSettings;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.MaeTransform;
import io.mae4j.data.TransformSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The labelled splits of a classifier run, from the {@code data.*} keys: {@code data.train_split}
 * with the MAE training augmentation (RandomResizedCrop {@code data.crop_scale} /
 * {@code data.crop_ratio}, flip {@code data.hflip}), {@code data.val_split} with the evaluation
 * transform (shorter side resized to the model size, centre crop). Generates the synthetic set on
 * first use. Class names and labels come from the train split's class folders; the val split must
 * have the same classes.
 *
 * <p>For mask-eval: {@code ClassifierData.open(config, imgSize, seed).valBatches(64)} yields the
 * validation images (normalised, (B, 3, H, W) via {@code HostBatch.toNDArray}) with their labels
 * ({@code HostBatch.labels()}) and files ({@code HostBatch.paths()}), in a fixed order.
 */
public final class ClassifierData {

    private final ImageFolderDataset train;
    private final ImageFolderDataset val;
    private final MaeTransform trainTransform;
    private final MaeTransform evalTransform;
    private final long seed;
    private final int workers;
    private final int prefetch;

    private ClassifierData(ImageFolderDataset train, ImageFolderDataset val, TransformSettings ts, long seed, int workers,
            int prefetch) {
        this.train = train;
        this.val = val;
        this.trainTransform = MaeTransform.train(ts);
        this.evalTransform = MaeTransform.eval(ts);
        this.seed = seed;
        this.workers = workers;
        this.prefetch = prefetch;
    }

    /**
     * Opens the splits named by a resolved config.
     *
     * @param c the resolved config ({@code data.*})
     * @param imgSize model input side
     * @param seed seed of the shuffles and augmentation
     * @throws IllegalArgumentException when the two splits' classes differ
     */
    public static ClassifierData open(Config c, int imgSize, long seed) {
        DataSettings d = DataSettings.from(c.getConfig("data"));
        d.ensureGenerated();
        ImageFolderDataset train = d.open(d.trainSplit(), d.maxTrain());
        ImageFolderDataset val = d.open(d.valSplit(), d.maxVal());
        Path root = d.root();
        if (!train.classNames().equals(val.classNames())) {
            throw new IllegalArgumentException("the splits " + root.resolve(train.split()) + " and " + root.resolve(val.split())
                    + " have different classes (" + train.classNames() + " vs " + val.classNames()
                    + "): a classifier needs the same class folders in data.train_split and data.val_split");
        }
        return new ClassifierData(train, val, d.transform(imgSize), seed, d.numWorkers(), d.prefetch());
    }

    /** The training split. */
    public ImageFolderDataset train() {
        return train;
    }

    /** The validation split. */
    public ImageFolderDataset val() {
        return val;
    }

    /** Class names in label order. */
    public List<String> classNames() {
        return train.classNames();
    }

    /** Full training batches per epoch (the last partial batch is dropped). */
    public int itersPerEpoch(int batchSize) {
        int n = BatchLoader.batchesPerEpoch(train.size(), batchSize, true);
        if (n == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the training split %s has %d images, fewer"
                    + " than the batch size %d: lower the batch size or add images", train.root().resolve(train.split()),
                    train.size(), batchSize));
        }
        return n;
    }

    /** Shuffled, augmented training batches of one epoch. */
    public BatchLoader trainBatches(int batchSize, int epoch) {
        return BatchLoader.builder(train, trainTransform).batchSize(batchSize).seed(seed).epoch(epoch).shuffle(true)
                .dropLast(true).numWorkers(workers).prefetch(prefetch).build();
    }

    /** The training split in order with the evaluation transform (cached linear-probe features). */
    public BatchLoader trainEvalBatches(int batchSize) {
        return evalBatches(train, batchSize);
    }

    /** The validation split in order with the evaluation transform, the last batch possibly short. */
    public BatchLoader valBatches(int batchSize) {
        return evalBatches(val, batchSize);
    }

    private BatchLoader evalBatches(ImageFolderDataset split, int batchSize) {
        return BatchLoader.builder(split, evalTransform).batchSize(batchSize).seed(seed).epoch(0).shuffle(false)
                .dropLast(false).numWorkers(workers).prefetch(prefetch).build();
    }

    /** One line on what is read. */
    public String describe() {
        return String.format(Locale.ROOT, "data %s: %d training images (%s), %d validation images (%s), %d classes",
                train.root(), train.size(), train.split(), val.size(), val.split(), classNames().size());
    }
}
