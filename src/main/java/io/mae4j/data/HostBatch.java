package io.mae4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * One batch on the Java heap. Sample b occupies {@code images[b*3*H*W, (b+1)*3*H*W)} as (3, H, W).
 * When a file did not decode, its slot holds the dataset's replacement and {@code indices},
 * {@code labels}, {@code paths} describe the image actually used (see {@link ImageDataset#load}).
 *
 * @param images (B, 3, H, W) normalised pixels, flattened
 * @param labels (B) class indices
 * @param indices (B) dataset indices of the images used
 * @param geometries (B) crop/flip geometry of each sample
 * @param paths (B) source files
 */
public record HostBatch(float[] images, int[] labels, int[] indices, List<CropGeometry> geometries, List<Path> paths) {

    /** Checks that the parts agree on B. */
    public HostBatch {
        int b = labels.length;
        if (indices.length != b || geometries.size() != b || paths.size() != b || b == 0
                || images.length % (3 * b) != 0) {
            throw new IllegalArgumentException("Inconsistent batch: " + b + " labels, " + indices.length + " indices, "
                    + geometries.size() + " geometries, " + paths.size() + " paths, " + images.length + " floats");
        }
        geometries = List.copyOf(geometries);
        paths = List.copyOf(paths);
    }

    /** Batch size B. */
    public int size() {
        return labels.length;
    }

    /** Image height H. */
    public int height() {
        return geometries.get(0).outputHeight();
    }

    /** Image width W. */
    public int width() {
        return geometries.get(0).outputWidth();
    }

    /** The images as a float32 (B, 3, H, W) NDArray owned by {@code manager}. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(FloatBuffer.wrap(images), new Shape(size(), 3, height(), width())); // (B, 3, H, W)
    }
}
