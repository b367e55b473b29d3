package io.mae4j.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.Map;

/** Factories for the standard layers of the MAE blocks, and their official parameter names. */
final class Layers {

    /** LayerNorm epsilon of the MAE presets ({@code partial(nn.LayerNorm, eps=1e-6)}). */
    static final float LN_EPS = 1e-6f;

    private Layers() {}

    /** A Linear layer with bias, xavier-uniform weight and zero bias (MAE {@code _init_weights}). */
    static Linear linear(long units) {
        Linear linear = Linear.builder().setUnits(units).optBias(true).build();
        linear.setInitializer(new XavierUniform(), Parameter.Type.WEIGHT);
        return linear;
    }

    /**
     * A LayerNorm over the last axis of (B, N, D) inputs, eps 1e-6, weight 1, bias 0. DJL's default
     * normalises over all non-batch axes; the explicit axis 2 gives PyTorch's behaviour.
     */
    static LayerNorm layerNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(LN_EPS).build();
    }

    /** Adds {@code prefix.weight} / {@code prefix.bias} of a Linear or a convolution. */
    static void putWeightBias(Map<String, Parameter> out, String prefix, Block block) {
        out.put(prefix + ".weight", block.getDirectParameters().get("weight"));
        out.put(prefix + ".bias", block.getDirectParameters().get("bias"));
    }

    /** Adds {@code prefix.weight} / {@code prefix.bias} of a LayerNorm (DJL gamma / beta). */
    static void putNorm(Map<String, Parameter> out, String prefix, LayerNorm norm) {
        out.put(prefix + ".weight", norm.getDirectParameters().get("gamma"));
        out.put(prefix + ".bias", norm.getDirectParameters().get("beta"));
    }
}
