package io.mae4j.analysis;

import io.mae4j.data.CorruptImageException;
import io.mae4j.data.CroppedImage;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.ImageDataset;
import io.mae4j.data.ImageDecoder;
import io.mae4j.data.LoadedImage;
import io.mae4j.data.ResizeCenterCrop;
import io.mae4j.data.ToTensorNormalize;
import io.mae4j.sift.Keypoint;
import io.mae4j.sift.PatchCounts;
import io.mae4j.sift.SiftDetector;
import io.mae4j.sift.SiftSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of probe images for {@link InterrelationAnalyzer}: each image goes through the
 * evaluation transform (shorter side resized to the model input size, centre crop, bicubic), SIFT
 * runs once on the gray crop, and t_j is counted on the model's patch grid. Build it once and reuse
 * it at every analysis.
 *
 * @param imgSize model input side
 * @param patchSize model patch side
 * @param images the prepared images
 */
public record ProbeSet(int imgSize, int patchSize, List<ProbeImage> images) {

    /** Checks sizes. */
    public ProbeSet {
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a probe set needs at least one image");
        }
        int n = (imgSize / patchSize) * (imgSize / patchSize);
        for (ProbeImage p : images) {
            if (p.counts().length != n || p.chw().length != 3 * imgSize * imgSize) {
                throw new IllegalArgumentException("probe image " + p.name() + " was prepared for another model size");
            }
        }
    }

    /** Number of images. */
    public int size() {
        return images.size();
    }

    /**
     * Images {@code [from, from + count)} as one normalised input batch.
     *
     * @param manager owns the array
     * @return (count, 3, imgSize, imgSize)
     */
    public ai.djl.ndarray.NDArray batch(ai.djl.ndarray.NDManager manager, int from, int count) {
        int plane = 3 * imgSize * imgSize;
        float[] pixels = new float[count * plane];
        for (int i = 0; i < count; i++) {
            System.arraycopy(images.get(from + i).chw(), 0, pixels, i * plane, plane);
        }
        return manager.create(java.nio.FloatBuffer.wrap(pixels),
                new ai.djl.ndarray.types.Shape(count, 3, imgSize, imgSize)); // (B, 3, H, W)
    }

    /**
     * Prepares decoded images.
     *
     * @param images RGB images of any size
     * @param names one label per image
     * @param imgSize model.img_size
     * @param patchSize model.patch_size
     * @param mean normalisation mean (R, G, B), as data.mean
     * @param std normalisation std, as data.std
     * @param sift SIFT parameters
     */
    public static ProbeSet fromImages(List<DecodedImage> images, List<String> names, int imgSize, int patchSize,
            float[] mean, float[] std, SiftSettings sift) {
        if (images.size() != names.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + names.size() + " names");
        }
        ResizeCenterCrop crop = new ResizeCenterCrop(imgSize, imgSize);
        ToTensorNormalize norm = new ToTensorNormalize(mean, std);
        SiftDetector detector = new SiftDetector(sift);
        List<ProbeImage> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            CroppedImage c = crop.apply(images.get(i));
            List<Keypoint> k = detector.detect(c.image());
            int[] t = PatchCounts.counts(k, imgSize, imgSize, patchSize);
            out.add(new ProbeImage(names.get(i), c.image(), norm.apply(c.image()), k, t));
        }
        return new ProbeSet(imgSize, patchSize, out);
    }

    /**
     * Decodes and prepares image files.
     *
     * @throws CorruptImageException naming the first file that does not decode
     */
    public static ProbeSet fromFiles(List<Path> files, int imgSize, int patchSize, float[] mean, float[] std,
            SiftSettings sift) throws CorruptImageException {
        List<DecodedImage> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            images.add(ImageDecoder.decode(f));
            names.add(f.getFileName().toString());
        }
        return fromImages(images, names, imgSize, patchSize, mean, std, sift);
    }

    /** The first {@code max} images of a dataset (corrupt files replaced as {@link ImageDataset#load} does). */
    public static ProbeSet fromDataset(ImageDataset ds, int max, int imgSize, int patchSize, float[] mean,
            float[] std, SiftSettings sift) {
        List<DecodedImage> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(max, ds.size()); i++) {
            LoadedImage li = ds.load(i);
            images.add(li.image());
            names.add(li.path().getFileName().toString());
        }
        return fromImages(images, names, imgSize, patchSize, mean, std, sift);
    }
}
