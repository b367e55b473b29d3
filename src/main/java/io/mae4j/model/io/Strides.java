package io.mae4j.model.io;

import java.util.Arrays;

/** Shape arithmetic shared by the readers: element counts, contiguous strides, strided gathers. */
final class Strides {

    private Strides() {}

    /** Product of the dimensions (1 for a scalar); fails on negative dimensions or overflow. */
    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Row-major (C order) strides in elements. */
    static long[] contiguous(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /** Column-major (Fortran order) strides in elements. */
    static long[] fortran(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = 0; i < shape.length; i++) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /** Largest element index a view touches, plus one (0 for an empty view). */
    static long extent(long offset, long[] shape, long[] strides) {
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                return 0;
            }
            last += (shape[i] - 1) * strides[i];
        }
        return last + 1;
    }

    /**
     * Copies a strided view of {@code src} into a new row-major array:
     * {@code out[i0,…,ik] = src[offset + Σ i_d · strides[d]]}.
     */
    static float[] gather(float[] src, long offset, long[] shape, long[] strides) {
        int n = Math.toIntExact(numel(shape));
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        int rank = shape.length;
        long[] index = new long[rank];
        long pos = offset;
        for (int i = 0; i < n; i++) {
            out[i] = src[(int) pos];
            for (int d = rank - 1; d >= 0; d--) { // odometer increment, last axis fastest
                index[d]++;
                pos += strides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                pos -= index[d] * strides[d];
                index[d] = 0;
            }
        }
        return out;
    }

    /** {@code (2, 3)}, {@code (4,)} or {@code ()}, as PyTorch prints sizes. */
    static String shapeString(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }
}
