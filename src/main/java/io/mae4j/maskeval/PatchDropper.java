package io.mae4j.maskeval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mae4j.classify.PatchClassifier;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link PatchClassifier} with some patches of each image dropped ({@link DropMode}) and
 * returns the predicted labels (argmax of the logits; the first maximum on ties).
 *
 * <p>{@code tokens}: {@code keep} (B, L) holds each image's kept patch indices in ascending patch
 * order (null when nothing is dropped); images whose drop sets differ in size go in separate calls
 * (grouped by L). {@code mean}:
 * the dropped patches' pixels are multiplied by 0 (normalised images: the mean colour) and
 * {@code keep} is null.
 */
public final class PatchDropper {

    private final PatchClassifier classifier;
    private final DropMode mode;
    private final int imgSize;
    private final int patch;

    /**
     * @param classifier the model under test
     * @param mode tokens or mean
     */
    public PatchDropper(PatchClassifier classifier, DropMode mode) {
        this.classifier = classifier;
        this.mode = mode;
        this.imgSize = classifier.backbone().config().imgSize();
        this.patch = classifier.backbone().config().patchSize();
    }

    /** The drop mode. */
    public DropMode mode() {
        return mode;
    }

    /**
     * Predicted labels.
     *
     * @param imgs (B, C, H, W) normalised images, H = W = img_size
     * @param dropped per image the dropped patch indices (empty = none); B entries
     * @return B labels
     */
    public int[] predict(NDArray imgs, List<int[]> dropped) {
        int b = (int) imgs.getShape().get(0);
        if (dropped.size() != b) {
            throw new IllegalArgumentException(b + " images but " + dropped.size() + " drop sets");
        }
        int n = (imgSize / patch) * (imgSize / patch);
        int[] out = new int[b];
        try (NDManager scope = imgs.getManager().newSubManager()) {
            imgs.tempAttach(scope); // everything computed from imgs is freed with the scope; imgs goes back
            if (mode == DropMode.MEAN) {
                NDArray keepPixel = pixelMask(scope, dropped).gt(0.5f).broadcast(imgs.getShape()); // (B, C, H, W)
                NDArray masked = NDArrays.where(keepPixel, imgs, imgs.zerosLike()); // dropped: +0
                copy(argmax(classifier.logits(masked, null)), out, null);
                return out;
            }
            Map<Integer, List<Integer>> bySize = new LinkedHashMap<>();
            for (int i = 0; i < b; i++) {
                bySize.computeIfAbsent(dropped.get(i).length, k -> new ArrayList<>()).add(i);
            }
            for (List<Integer> group : bySize.values()) {
                int l = n - dropped.get(group.get(0)).length;
                NDArray sub = group.size() == b ? imgs : rows(imgs, group); // (G, C, H, W)
                if (l == n) { // nothing dropped: all tokens
                    copy(argmax(classifier.logits(sub, null)), out, group);
                    continue;
                }
                long[] keep = new long[group.size() * l];
                for (int g = 0; g < group.size(); g++) {
                    System.arraycopy(DropPlan.kept(dropped.get(group.get(g)), n), 0, keep, g * l, l);
                }
                NDArray keepArr = scope.create(keep, new Shape(group.size(), l)); // (G, L) int64
                copy(argmax(classifier.logits(sub, keepArr)), out, group);
            }
        }
        return out;
    }

    /** 1 on kept pixels, 0 on dropped patches: (B, 1, H, W). */
    NDArray pixelMask(NDManager m, List<int[]> dropped) {
        int g = imgSize / patch;
        float[] mask = new float[dropped.size() * imgSize * imgSize];
        Arrays.fill(mask, 1f);
        for (int i = 0; i < dropped.size(); i++) {
            for (int j : dropped.get(i)) {
                int r0 = (j / g) * patch;
                int c0 = (j % g) * patch;
                for (int y = r0; y < r0 + patch; y++) {
                    Arrays.fill(mask, i * imgSize * imgSize + y * imgSize + c0,
                            i * imgSize * imgSize + y * imgSize + c0 + patch, 0f);
                }
            }
        }
        return m.create(FloatBuffer.wrap(mask), new Shape(dropped.size(), 1, imgSize, imgSize));
    }

    private static long[] argmax(NDArray logits) {
        try (NDArray a = logits.argMax(1)) { // (B,)
            long[] v = a.toType(DataType.INT64, false).toLongArray();
            logits.close();
            return v;
        }
    }

    private static void copy(long[] labels, int[] out, List<Integer> where) {
        for (int i = 0; i < labels.length; i++) {
            out[where == null ? i : where.get(i)] = (int) labels[i];
        }
    }

    /** The given images of the batch, in that order: (G, C, H, W). */
    private static NDArray rows(NDArray imgs, List<Integer> which) {
        NDList parts = new NDList();
        for (int i : which) {
            parts.add(imgs.get(new NDIndex("{}:{}", i, i + 1))); // (1, C, H, W)
        }
        return NDArrays.concat(parts, 0);
    }
}
