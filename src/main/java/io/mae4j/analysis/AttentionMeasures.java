package io.mae4j.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The definitions of src/site/markdown/definitions.md ("Attention" to "Focus index") as tensor operations on one layer's
 * attention of c images: A (c, H, N+1, N+1), CLS first; keypoint counts t (c, N). No loop runs
 * over patches or heads; the heavy steps touch each of the c·H·N² attention values a fixed number
 * of times (row minimum and sums, one comparison, one matrix product and the entropy terms).
 *
 * <p>Letters: c images, H heads, N patches, i the query (row) patch, j the key (column) patch.
 *
 * <p>Cost per layer: about nine passes over the c·H·N² patch block (see {@link RowPass}) plus one
 * batched matrix product; everything else is O(c·H·N).
 *
 * <p>Per row: attended set S_i = {j : α_ij ≥ γ · Σ_j α_ij / N} (optionally without j = i);
 * weighted θ_i = Σ_{S∩K} t_j / (|S \ K| + Σ_{S∩K} t_j), unweighted θ_i = |S∩K| / |S|; rows with
 * empty S_i are undefined. Focus δ_i = −Σ p_j ln p_j of the min-max normalised row (ln N for a
 * constant row). Per head: θ_KK (mean θ_i over defined keypoint rows), θ_NK (over defined
 * non-keypoint rows), both NaN when there is no such row; focus = mean δ_i.
 */
final class AttentionMeasures {

    /** Offsets in {@link LayerMeasures#heads()}. */
    static final int KK_W = 0, NK_W = 1, KK_U = 2, NK_U = 3, FOCUS = 4, UNDEFINED = 5, KEY_ROWS = 6, NON_ROWS = 7;
    /** Number of per-head measures. */
    static final int MEASURES = 8;

    /** Added to x = α − min α before the logarithm (see {@link RowPass}). */
    private static final float TINY = 1e-30f;

    private AttentionMeasures() {}

    /**
     * The patch block α = A[:, :, 1:, 1:], rows renormalised to 1 or kept.
     *
     * @param attn (c, H, N+1, N+1)
     * @return (c, H, N, N)
     */
    static NDArray patchBlock(NDArray attn, ClsHandling cls) {
        NDArray a = attn.get(new NDIndex(":, :, 1:, 1:")); // (c, H, N, N)
        return cls == ClsHandling.RENORMALISE ? a.div(a.sum(new int[] {3}, true)) : a; // (c, H, N, N)
    }

    /**
     * Attended sets as 0/1 floats: S[b, h, i, j] = 1 when j ∈ S_i.
     *
     * @param attn (c, H, N+1, N+1)
     * @return (c, H, N, N)
     */
    static NDArray attendedSets(NDArray attn, AnalysisSettings s) {
        return new RowPass(attn, s).set;
    }

    /**
     * δ_i of every row (see {@link RowPass}).
     *
     * @param attn (c, H, N+1, N+1)
     * @return (c, H, N)
     */
    static NDArray focusRows(NDArray attn) {
        return new RowPass(attn, AnalysisSettings.defaults()).delta;
    }

    /**
     * The passes over the (c, H, N, N) patch block, shared by θ and focus:
     * <ol>
     *   <li>min α_i (one read) and x = α_i − min α_i (one write), Σx (one read);
     *   <li>x ln x as y ln y with y = x + 10⁻³⁰ (in place), so that 0 · ln 0 counts as 0; the offset
     *       changes δ by far less than float precision ({@code xlogy} would do the same but is
     *       several times slower on the CPU);
     *   <li>the detection line γ · Σ_j α_ij / N, with Σ_j α_ij = Σx + N · min (no extra pass);
     *   <li>S = α ≥ line (one write of bytes, one cast to float).
     * </ol>
     * Focus: min-max normalisation and the normalisation to p_j cancel, so δ_i = ln Σy − Σ y ln y /
     * Σy; a constant row (Σx = 0: every x is 0) gets ln N.
     */
    private static final class RowPass {
        final NDArray set; // (c, H, N, N) 0/1
        final NDArray delta; // (c, H, N)

        RowPass(NDArray attn, AnalysisSettings s) {
            int n = (int) attn.getShape().get(2) - 1;
            NDArray a = attn.get(new NDIndex(":, :, 1:, 1:")); // (c, H, N, N)
            NDArray min = a.min(new int[] {3}, true); // (c, H, N, 1)
            NDArray y = a.sub(min); // (c, H, N, N) x ≥ 0, 0 at the minimum
            NDArray sumX = y.sum(new int[] {3}, true); // (c, H, N, 1)
            y.addi(TINY); // y = x + TINY
            NDArray ylny = y.log(); // (c, H, N, N)
            ylny.muli(y);
            NDArray sumYlnY = ylny.sum(new int[] {3}, true); // (c, H, N, 1)
            NDArray line = sumX.add(min.mul((float) n)).mul((float) (s.gamma() / n)); // (c, H, N, 1)
            NDArray sets = a.gte(line).toType(DataType.FLOAT32, false); // (c, H, N, N)
            if (!s.includeSelf()) {
                NDArray offDiagonal = attn.getManager().eye(n).neg().add(1f); // (N, N), 0 on the diagonal
                sets.muli(offDiagonal);
            }
            NDArray sumY = sumX.add(n * TINY); // (c, H, N, 1)
            NDArray d = sumY.log().sub(sumYlnY.div(sumY)).squeeze(3); // (c, H, N)
            NDArray constant = sumX.lte(0f).squeeze(3); // (c, H, N)
            this.set = sets;
            this.delta = NDArrays.where(constant, d.zerosLike().add((float) Math.log(n)), d); // (c, H, N)
        }
    }

    /**
     * Row-level values.
     *
     * @param attn (c, H, N+1, N+1)
     * @param t (c, N) keypoint counts, float32
     * @return [θ weighted (c, H, N), θ unweighted (c, H, N), defined 0/1 (c, H, N), |S_i| (c, H, N),
     *     δ (c, H, N)]; θ is 0 on undefined rows
     */
    static NDList rows(NDArray attn, NDArray t, AnalysisSettings s) {
        Shape sh = attn.getShape();
        long c = sh.get(0);
        int n = (int) sh.get(2) - 1;
        if (sh.dimension() != 4 || sh.get(3) != n + 1 || !t.getShape().equals(new Shape(c, n))) {
            throw new IllegalArgumentException("expected attention (c, H, N+1, N+1) and counts (c, N), got " + sh
                    + " and " + t.getShape());
        }
        RowPass pass = new RowPass(attn, s);
        NDArray key = t.gt(0f).toType(DataType.FLOAT32, false); // (c, N) 1 = keypoint patch
        NDArray non = key.neg().add(1f); // (c, N)
        NDArray cols = NDArrays.stack(new NDList(t.toType(DataType.FLOAT32, false), key, non), 1); // (c, 3, N)
        long heads = sh.get(1);
        // (c, 3, N) x (c, N, H·N): the short side first runs about twice as fast as (c, H·N, N) x (c, N, 3)
        NDArray sums = cols.matMul(pass.set.reshape(c, heads * n, n).transpose(0, 2, 1)).reshape(c, 3, heads, n);
        NDArray sumT = sums.get(new NDIndex(":, 0")); // (c, H, N) Σ_{S∩K} t_j
        NDArray numK = sums.get(new NDIndex(":, 1")); // (c, H, N) |S∩K|
        NDArray numN = sums.get(new NDIndex(":, 2")); // (c, H, N) |S \ K|
        NDArray size = numK.add(numN); // (c, H, N) |S_i|
        NDArray defined = size.gt(0f); // (c, H, N)
        NDArray zero = size.zerosLike(); // (c, H, N)
        NDArray thetaW = NDArrays.where(defined, sumT.div(numN.add(sumT)), zero); // (c, H, N)
        NDArray thetaU = NDArrays.where(defined, numK.div(size), zero); // (c, H, N)
        return new NDList(thetaW, thetaU, defined.toType(DataType.FLOAT32, false), size, pass.delta);
    }

    /**
     * The per-head and per-patch results of one layer, copied to the host.
     *
     * @param attn (c, H, N+1, N+1), left unchanged
     * @param t (c, N) keypoint counts
     * @param withSample also return the head-mean α of image 0 (for heatmaps)
     */
    static LayerMeasures compute(NDArray attn, NDArray t, AnalysisSettings s, boolean withSample) {
        Shape sh = attn.getShape();
        int c = (int) sh.get(0);
        int heads = (int) sh.get(1);
        int n = (int) sh.get(2) - 1;
        NDManager caller = attn.getManager();
        try (NDManager scope = caller.newSubManager()) {
            attn.tempAttach(scope);
            if (t.getManager() != scope) {
                t.tempAttach(scope);
            }
            NDList r = rows(attn, t, s);
            NDArray thetaW = r.get(0); // (c, H, N)
            NDArray thetaU = r.get(1); // (c, H, N)
            NDArray defined = r.get(2); // (c, H, N)
            NDArray key = t.gt(0f).toType(DataType.FLOAT32, false).expandDims(1); // (c, 1, N)
            NDArray keyRows = defined.mul(key); // (c, H, N) defined keypoint rows
            NDArray nonRows = defined.mul(key.neg().add(1f)); // (c, H, N) defined non-keypoint rows
            NDArray kCount = keyRows.sum(new int[] {2}); // (c, H)
            NDArray nCount = nonRows.sum(new int[] {2}); // (c, H)
            NDArray heads8 = NDArrays.stack(new NDList(
                    thetaW.mul(keyRows).sum(new int[] {2}).div(kCount), // θ_KK weighted, NaN without rows
                    thetaW.mul(nonRows).sum(new int[] {2}).div(nCount), // θ_NK weighted
                    thetaU.mul(keyRows).sum(new int[] {2}).div(kCount), // θ_KK unweighted
                    thetaU.mul(nonRows).sum(new int[] {2}).div(nCount), // θ_NK unweighted
                    r.get(4).mean(new int[] {2}), // focus index
                    defined.neg().add(1f).sum(new int[] {2}), // undefined rows
                    kCount, nCount), 0); // (8, c, H)
            NDArray primary = s.weighted() ? thetaW : thetaU; // (c, H, N)
            NDArray bar = NDArrays.stack(new NDList(primary.sum(new int[] {1}), defined.sum(new int[] {1})), 0); // (2, c, N)
            float[] sample = null;
            if (withSample) {
                sample = patchBlock(attn.get(new NDIndex("0:1")), s.clsHandling()).get(0).mean(new int[] {0})
                        .toFloatArray(); // (N, N), mean over heads
            }
            return new LayerMeasures(c, heads, n, heads8.toFloatArray(), bar.toFloatArray(), sample);
        }
    }
}
