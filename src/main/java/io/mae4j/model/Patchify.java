package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Conversion between images and rows of flattened patches, in the official MAE order: patch j =
 * row·w + col, and inside a patch the pixels are flattened as (p, q, c), i.e. the channel varies
 * fastest, then the column inside the patch, then the row inside the patch.
 */
public final class Patchify {

    private Patchify() {}

    /**
     * Cuts images into flattened patches.
     *
     * @param imgs (B, C, H, W), H and W multiples of {@code p}
     * @param p patch side P
     * @return (B, N, P·P·C) with N = (H/P)·(W/P)
     */
    public static NDArray patchify(NDArray imgs, int p) {
        Shape s = imgs.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("patchify expects images (B, C, H, W), got " + s);
        }
        long b = s.get(0);
        long c = s.get(1);
        long hh = s.get(2);
        long ww = s.get(3);
        if (p <= 0 || hh % p != 0 || ww % p != 0) {
            throw new IllegalArgumentException(
                    "patchify: image size " + hh + "x" + ww + " is not a multiple of patch size " + p);
        }
        long h = hh / p;
        long w = ww / p;
        return imgs.reshape(b, c, h, p, w, p) // (B, C, h, p, w, q)
                .transpose(0, 2, 4, 3, 5, 1) // (B, h, w, p, q, C)
                .reshape(b, h * w, (long) p * p * c); // (B, N, P·P·C)
    }

    /**
     * Inverse of {@link #patchify} for square grids (h = w = √N).
     *
     * @param x (B, N, P·P·C)
     * @param p patch side P
     * @param c channels C
     * @return (B, C, h·P, w·P)
     */
    public static NDArray unpatchify(NDArray x, int p, int c) {
        long n = x.getShape().get(1);
        long h = Math.round(Math.sqrt(n));
        if (h * h != n) {
            throw new IllegalArgumentException(
                    "unpatchify: " + n + " patches do not form a square grid; pass the grid size explicitly");
        }
        return unpatchify(x, p, c, (int) h, (int) h);
    }

    /**
     * Inverse of {@link #patchify}.
     *
     * @param x (B, N, P·P·C) with N = h·w
     * @param p patch side P
     * @param c channels C
     * @param h grid rows
     * @param w grid columns
     * @return (B, C, h·P, w·P)
     */
    public static NDArray unpatchify(NDArray x, int p, int c, int h, int w) {
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(1) != (long) h * w || s.get(2) != (long) p * p * c) {
            throw new IllegalArgumentException("unpatchify expects (B, " + h * w + ", " + p * p * c
                    + ") for a " + h + "x" + w + " grid of " + p + "x" + p + "x" + c + " patches, got " + s);
        }
        long b = s.get(0);
        return x.reshape(b, h, w, p, p, c) // (B, h, w, p, q, C)
                .transpose(0, 5, 1, 3, 2, 4) // (B, C, h, p, w, q)
                .reshape(b, c, (long) h * p, (long) w * p); // (B, C, H, W)
    }
}
