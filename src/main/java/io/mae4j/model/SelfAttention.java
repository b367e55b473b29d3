package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * ViT multi-head self-attention (timm 0.3.2 {@code Attention}, {@code qkv_bias=True}): one fused qkv
 * Linear (D → 3D), softmax(q·kᵀ · Dh^−½) per head, a value average and an output projection
 * (D → D). No dropout. Input and output (B, N, D); the attention probabilities (B, Hd, N, N) can be
 * returned as well.
 */
public final class SelfAttention extends AbstractBlock {

    private final int dim;
    private final int numHeads;
    private final float scale;
    private final Linear qkv;
    private final Linear proj;

    /**
     * @param dim width D
     * @param numHeads heads Hd, dividing D
     */
    public SelfAttention(int dim, int numHeads) {
        if (numHeads <= 0 || dim % numHeads != 0) {
            throw new IllegalArgumentException("attention width " + dim + " must be divisible by the head count " + numHeads);
        }
        this.dim = dim;
        this.numHeads = numHeads;
        this.scale = (float) Math.pow(dim / (double) numHeads, -0.5);
        this.qkv = addChildBlock("qkv", Layers.linear(3L * dim));
        this.proj = addChildBlock("proj", Layers.linear(dim));
    }

    /**
     * Runs the attention.
     *
     * @param ps parameter store
     * @param x (B, N, D)
     * @param training training mode
     * @param capture also return the softmax probabilities, detached from the graph
     * @return [(B, N, D)] or, with {@code capture}, [(B, N, D), (B, Hd, N, N)]
     */
    public NDList forward(ParameterStore ps, NDArray x, boolean training, boolean capture) {
        Shape s = x.getShape();
        long b = s.get(0);
        long n = s.get(1);
        NDArray fused = qkv.forward(ps, new NDList(x), training).singletonOrThrow(); // (B, N, 3D)
        NDArray heads = fused.reshape(b, n, 3, numHeads, dim / numHeads) // (B, N, 3, Hd, Dh)
                .transpose(2, 0, 3, 1, 4); // (3, B, Hd, N, Dh)
        NDArray q = heads.get(0); // (B, Hd, N, Dh)
        NDArray k = heads.get(1); // (B, Hd, N, Dh)
        NDArray v = heads.get(2); // (B, Hd, N, Dh)
        NDArray attn = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), scale).softmax(-1); // (B, Hd, N, N)
        NDArray out = attn.matMul(v) // (B, Hd, N, Dh)
                .transpose(0, 2, 1, 3) // (B, N, Hd, Dh)
                .reshape(b, n, dim); // (B, N, D)
        out = proj.forward(ps, new NDList(out), training).singletonOrThrow(); // (B, N, D)
        return capture ? new NDList(out, attn.stopGradient()) : new NDList(out);
    }

    /** Official names {@code prefix.qkv.weight} … {@code prefix.proj.bias}. */
    void collectOfficial(String prefix, Map<String, Parameter> out) {
        Layers.putWeightBias(out, prefix + ".qkv", qkv);
        Layers.putWeightBias(out, prefix + ".proj", proj);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return forward(ps, inputs.singletonOrThrow(), training, false);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes[0]);
        proj.initialize(manager, dataType, inputShapes[0]);
    }
}
