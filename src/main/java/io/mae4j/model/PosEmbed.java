package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Fixed 2-D sine-cosine position embedding of MAE ({@code util/pos_embed.py}), computed in double
 * precision and cast to float.
 *
 * <p>For the patch at grid row i, column j (row index i·g + j, after an optional all-zero CLS row):
 * the first D/2 values encode the column j, the last D/2 the row i (the official code builds the
 * grid with {@code meshgrid(grid_w, grid_h)}, so its "emb_h" half is in fact the column). Each half
 * is the 1-D embedding of width D' = D/2: with ω_k = 1 / 10000^(k / (D'/2)), k = 0 … D'/2−1, it is
 * [sin(pos·ω_0) … sin(pos·ω_{D'/2−1}), cos(pos·ω_0) … cos(pos·ω_{D'/2−1})].
 */
public final class PosEmbed {

    private PosEmbed() {}

    /**
     * The table as rows.
     *
     * @param dim embedding width D, a multiple of 4
     * @param gridSize g, the grid is g × g
     * @param clsToken prepend an all-zero row for the CLS token
     * @return (g·g [+1]) rows of length D
     */
    public static float[][] sinCos2d(int dim, int gridSize, boolean clsToken) {
        if (dim <= 0 || dim % 4 != 0) {
            throw new IllegalArgumentException("sin-cos position embedding width must be a positive multiple of 4, got " + dim);
        }
        if (gridSize <= 0) {
            throw new IllegalArgumentException("sin-cos position embedding grid size must be positive, got " + gridSize);
        }
        int offset = clsToken ? 1 : 0;
        int half = dim / 2;
        float[][] table = new float[gridSize * gridSize + offset][dim];
        for (int i = 0; i < gridSize; i++) {
            for (int j = 0; j < gridSize; j++) {
                float[] row = table[offset + i * gridSize + j];
                fill1d(row, 0, half, j); // column (official "emb_h" = grid_w)
                fill1d(row, half, half, i); // row
            }
        }
        return table;
    }

    /**
     * The table as an array (1, g·g [+1], D), float32, attached to {@code manager}.
     *
     * @param manager where the array lives
     * @param dim embedding width D
     * @param gridSize g
     * @param clsToken prepend an all-zero CLS row
     * @return (1, rows, D)
     */
    public static NDArray create(NDManager manager, int dim, int gridSize, boolean clsToken) {
        float[][] table = sinCos2d(dim, gridSize, clsToken);
        float[] flat = new float[table.length * dim];
        for (int r = 0; r < table.length; r++) {
            System.arraycopy(table[r], 0, flat, r * dim, dim);
        }
        return manager.create(flat, new Shape(1, table.length, dim));
    }

    /** Writes the 1-D embedding of {@code pos} (width {@code width}) into row[start, start+width). */
    private static void fill1d(float[] row, int start, int width, double pos) {
        int quarter = width / 2;
        for (int k = 0; k < quarter; k++) {
            double omega = 1.0 / Math.pow(10000.0, k / (double) quarter);
            double angle = pos * omega;
            row[start + k] = (float) Math.sin(angle);
            row[start + quarter + k] = (float) Math.cos(angle);
        }
    }
}
