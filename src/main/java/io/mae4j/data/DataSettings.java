package io.mae4j.data;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code data.*} section, read once: where the images are, which splits and how many of them,
 * the augmentation and normalisation, and the loader threads. The one place these keys are read for
 * pre-training, k-NN evaluation and the classifiers.
 *
 * @param kind "synthetic" (generated on first use) or "image_folder"
 * @param root dataset folder holding the split sub-folders
 * @param trainSplit sub-folder of the training images
 * @param valSplit sub-folder of the validation images
 * @param maxTrain cap on training images, 0 = all (class-balanced subset)
 * @param maxVal cap on validation images, 0 = all
 * @param maxPixels skip images whose header claims more pixels, 0 = no limit
 * @param cropScale RandomResizedCrop area range {min, max}
 * @param cropRatio RandomResizedCrop aspect range {min, max}
 * @param hflip horizontal-flip probability
 * @param normalization per-channel mean and std
 * @param numWorkers image-decoding threads
 * @param prefetch batches prepared ahead
 * @param synth the generator settings when {@code kind} is synthetic, else null
 */
public record DataSettings(String kind, Path root, String trainSplit, String valSplit, int maxTrain, int maxVal,
        long maxPixels, double[] cropScale, double[] cropRatio, double hflip, Normalization normalization,
        int numWorkers, int prefetch, SynthSpec synth) {

    /** Reads the {@code data} section. */
    public static DataSettings from(Config d) {
        String kind = d.getString("kind");
        return new DataSettings(kind, Path.of(d.getString("root")), d.getString("train_split"),
                d.getString("val_split"), d.getInt("max_train"), d.getInt("max_val"), d.getLong("max_pixels"),
                pair(d, "crop_scale"), pair(d, "crop_ratio"), d.getDouble("hflip"), Normalization.from(d),
                d.getInt("num_workers"), d.getInt("prefetch"),
                kind.equals("synthetic") ? SynthSpec.from(d.getConfig("synth")) : null);
    }

    private static double[] pair(Config d, String key) {
        List<Double> v = d.getDoubleList(key);
        if (v.size() != 2) {
            throw new IllegalArgumentException("data." + key + " = " + v + " needs exactly 2 values [min, max]");
        }
        return new double[] {v.get(0), v.get(1)};
    }

    /** The transform settings for a model input side. */
    public TransformSettings transform(int imgSize) {
        return new TransformSettings(imgSize, cropScale[0], cropScale[1], cropRatio[0], cropRatio[1], hflip,
                normalization.mean(), normalization.std());
    }

    /** Generates the synthetic set when it is one and missing (no-op for an image folder). */
    public void ensureGenerated() {
        if (synth != null) {
            SyntheticDataset.ensure(root, synth);
        }
    }

    /** Opens a split with this section's pixel limit; {@code max} 0 = all images. */
    public ImageFolderDataset open(String split, int max) {
        return ImageFolderDataset.open(root, split, max).maxPixels(maxPixels);
    }
}
