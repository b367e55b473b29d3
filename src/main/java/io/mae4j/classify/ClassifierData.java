package io.mae4j.classify;

import com.typesafe.config.Config;
import io.mae4j.data.BatchLoader;
import io.mae4j.data.DataSettings;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.SplitLoaders;
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
    private final SplitLoaders loaders;

    private ClassifierData(ImageFolderDataset train, ImageFolderDataset val, SplitLoaders loaders) {
        this.train = train;
        this.val = val;
        this.loaders = loaders;
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
        return new ClassifierData(train, val, SplitLoaders.of(d, imgSize, seed));
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
        return SplitLoaders.fullBatches(train, batchSize, "the batch size");
    }

    /** Shuffled, augmented training batches of one epoch. */
    public BatchLoader trainBatches(int batchSize, int epoch) {
        return loaders.trainBatches(train, batchSize, epoch);
    }

    /** The training split in order with the evaluation transform (cached linear-probe features). */
    public BatchLoader trainEvalBatches(int batchSize) {
        return loaders.evalBatches(train, batchSize);
    }

    /** The validation split in order with the evaluation transform, the last batch possibly short. */
    public BatchLoader valBatches(int batchSize) {
        return loaders.evalBatches(val, batchSize);
    }

    /** One line on what is read. */
    public String describe() {
        return String.format(Locale.ROOT, "data %s: %d training images (%s), %d validation images (%s), %d classes",
                train.root(), train.size(), train.split(), val.size(), val.split(), classNames().size());
    }
}
