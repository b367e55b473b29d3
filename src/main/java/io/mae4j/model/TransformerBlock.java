package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * A pre-norm transformer block (timm 0.3.2 {@code Block}): x = x + attn(norm1(x)); x = x +
 * mlp(norm2(x)). LayerNorm eps 1e-6 over the last axis. Input and output (B, N, D).
 */
public final class TransformerBlock extends AbstractBlock {

    private final LayerNorm norm1;
    private final SelfAttention attn;
    private final LayerNorm norm2;
    private final Mlp mlp;

    /**
     * @param dim width D
     * @param numHeads heads, dividing D
     * @param mlpRatio MLP hidden width / D; the hidden width is {@code (int) (D · mlpRatio)}
     */
    public TransformerBlock(int dim, int numHeads, double mlpRatio) {
        this.norm1 = addChildBlock("norm1", Layers.layerNorm());
        this.attn = addChildBlock("attn", new SelfAttention(dim, numHeads));
        this.norm2 = addChildBlock("norm2", Layers.layerNorm());
        this.mlp = addChildBlock("mlp", new Mlp(dim, (int) (dim * mlpRatio)));
    }

    /**
     * @param ps parameter store
     * @param x (B, N, D)
     * @param training training mode
     * @param capture also return the attention probabilities (detached)
     * @return [(B, N, D)] or, with {@code capture}, [(B, N, D), (B, Hd, N, N)]
     */
    public NDList forward(ParameterStore ps, NDArray x, boolean training, boolean capture) {
        NDArray h = norm1.forward(ps, new NDList(x), training).singletonOrThrow(); // (B, N, D)
        NDList a = attn.forward(ps, h, training, capture);
        x = x.add(a.get(0)); // (B, N, D)
        h = norm2.forward(ps, new NDList(x), training).singletonOrThrow(); // (B, N, D)
        x = x.add(mlp.forward(ps, h, training)); // (B, N, D)
        return capture ? new NDList(x, a.get(1)) : new NDList(x);
    }

    /** Official names {@code prefix.norm1.weight}, {@code prefix.attn.qkv.weight}, …. */
    void collectOfficial(String prefix, Map<String, Parameter> out) {
        Layers.putNorm(out, prefix + ".norm1", norm1);
        attn.collectOfficial(prefix + ".attn", out);
        Layers.putNorm(out, prefix + ".norm2", norm2);
        mlp.collectOfficial(prefix + ".mlp", out);
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
        norm1.initialize(manager, dataType, inputShapes[0]);
        attn.initialize(manager, dataType, inputShapes[0]);
        norm2.initialize(manager, dataType, inputShapes[0]);
        mlp.initialize(manager, dataType, inputShapes[0]);
    }
}
