package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * The transformer MLP (timm {@code Mlp}): fc1 (D → hidden), exact (erf) GELU, fc2 (hidden → D). No
 * dropout. Input and output (B, N, D).
 */
public final class Mlp extends AbstractBlock {

    private final Linear fc1;
    private final Linear fc2;

    /**
     * @param dim width D
     * @param hidden hidden width, {@code int(D · mlp_ratio)} in MAE
     */
    public Mlp(int dim, int hidden) {
        if (dim <= 0 || hidden <= 0) {
            throw new IllegalArgumentException("MLP widths must be positive, got dim " + dim + ", hidden " + hidden);
        }
        this.fc1 = addChildBlock("fc1", Layers.linear(hidden));
        this.fc2 = addChildBlock("fc2", Layers.linear(dim));
    }

    /**
     * @param ps parameter store
     * @param x (B, N, D)
     * @param training training mode
     * @return (B, N, D)
     */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = fc1.forward(ps, new NDList(x), training).singletonOrThrow(); // (B, N, hidden)
        h = Activation.gelu(h);
        return fc2.forward(ps, new NDList(h), training).singletonOrThrow(); // (B, N, D)
    }

    /** Official names {@code prefix.fc1.weight} … {@code prefix.fc2.bias}. */
    void collectOfficial(String prefix, Map<String, Parameter> out) {
        Layers.putWeightBias(out, prefix + ".fc1", fc1);
        Layers.putWeightBias(out, prefix + ".fc2", fc2);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        fc1.initialize(manager, dataType, inputShapes[0]);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(inputShapes)[0]);
    }
}
