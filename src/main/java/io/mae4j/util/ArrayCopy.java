package io.mae4j.util;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Copies values into an existing array (a parameter being restored) in place. Uses an indexed
 * assignment ({@code dst[:] = src}): DJL 0.35.1's {@code NDArray.set(Buffer)} and {@code copyTo}
 * go through a libtorch path that prints "Warning: AutoNonVariableTypeMode is deprecated" on its
 * first use in a process (every resume, analysis, probe and export did); this one does not.
 */
public final class ArrayCopy {

    private static final NDIndex ALL = new NDIndex(":");

    private ArrayCopy() {}

    /**
     * {@code dst[...] = src}: same shape required; {@code src} is converted to {@code dst}'s type.
     *
     * @throws IllegalArgumentException when the shapes differ
     */
    public static void into(NDArray dst, NDArray src) {
        Shape want = dst.getShape();
        if (!src.getShape().equals(want)) {
            throw new IllegalArgumentException("cannot copy an array of shape " + src.getShape() + " into " + want);
        }
        if (want.dimension() == 0) {
            try (NDArray flat = dst.reshape(1); NDArray one = src.reshape(1)) { // (1) views of the scalars
                into(flat, one);
            }
            return;
        }
        if (src.getDataType() != dst.getDataType()) {
            try (NDArray converted = src.toType(dst.getDataType(), true)) { // same shape, dst's type
                dst.set(ALL, converted);
            }
            return;
        }
        dst.set(ALL, src);
    }
}
