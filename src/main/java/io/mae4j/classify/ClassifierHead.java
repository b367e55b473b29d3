package io.mae4j.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;

/**
 * The classification head on a pooled encoder feature (B, D) → logits (B, K), as in the official
 * MAE {@code models_vit.VisionTransformer} and {@code main_linprobe.py}:
 *
 * <ol>
 *   <li>{@code fc_norm}: LayerNorm (eps 1e-6, weight 1, bias 0) when the feature is the mean of
 *       the patch tokens ({@link PoolFeature#MEAN}); absent for CLS;
 *   <li>linear probe only: {@link BatchNormNoAffine} (running statistics only);
 *   <li>Linear D → K, weight trunc-normal ({@link HeadKind#headInitStd()}), bias 0.
 * </ol>
 *
 * Official names: {@code fc_norm.weight/bias}; fine-tune {@code head.weight/bias}; linear probe
 * {@code head.0.running_mean/running_var} (buffers) and {@code head.1.weight/bias}.
 */
public final class ClassifierHead extends AbstractBlock {

    private final HeadKind kind;
    private final PoolFeature feature;
    private final long width;
    private final LayerNorm fcNorm;
    private final Linear linear;
    private BatchNormNoAffine bn;

    /**
     * @param kind linear probe or fine-tune
     * @param feature the pooled feature (decides whether {@code fc_norm} exists)
     * @param width feature width D
     * @param numClasses K
     */
    public ClassifierHead(HeadKind kind, PoolFeature feature, long width, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("a classifier needs at least one class, got " + numClasses);
        }
        this.kind = kind;
        this.feature = feature;
        this.width = width;
        this.fcNorm = feature == PoolFeature.MEAN
                ? addChildBlock("fc_norm", LayerNorm.builder().axis(1).optEpsilon(BatchNormNoAffine.EPS).build())
                : null;
        this.linear = addChildBlock("head", Linear.builder().setUnits(numClasses).optBias(true).build());
        linear.setInitializer(new TruncNormal(kind.headInitStd()), Parameter.Type.WEIGHT);
        linear.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
    }

    /** The recipe. */
    public HeadKind kind() {
        return kind;
    }

    /** The feature the head expects. */
    public PoolFeature feature() {
        return feature;
    }

    /** Trainable parameters by official name ({@code fc_norm.*}, then the Linear). */
    public LinkedHashMap<String, Parameter> officialParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        if (fcNorm != null) {
            out.put("fc_norm.weight", fcNorm.getDirectParameters().get("gamma"));
            out.put("fc_norm.bias", fcNorm.getDirectParameters().get("beta"));
        }
        String prefix = kind == HeadKind.LINPROBE ? "head.1" : "head";
        out.put(prefix + ".weight", linear.getDirectParameters().get("weight"));
        out.put(prefix + ".bias", linear.getDirectParameters().get("bias"));
        return out;
    }

    /** Non-trainable state by official name: the linear probe's BatchNorm statistics (else empty). */
    public LinkedHashMap<String, NDArray> buffers() {
        LinkedHashMap<String, NDArray> out = new LinkedHashMap<>();
        if (bn != null) {
            out.put("head.0.running_mean", bn.runningMean());
            out.put("head.0.running_var", bn.runningVar());
        }
        return out;
    }

    /** Inputs [features (B, D)], output [logits (B, K)]. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // (B, D)
        if (fcNorm != null) {
            x = fcNorm.forward(ps, new NDList(x), training).singletonOrThrow(); // (B, D)
        }
        if (bn != null) {
            x = bn.forward(x, training); // (B, D)
        }
        return linear.forward(ps, new NDList(x), training); // (B, K)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return linear.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = new Shape(1, width);
        if (fcNorm != null) {
            fcNorm.initialize(manager, dataType, in);
        }
        linear.initialize(manager, dataType, in);
        if (kind == HeadKind.LINPROBE && bn == null) {
            bn = new BatchNormNoAffine(width, manager);
        }
    }
}
