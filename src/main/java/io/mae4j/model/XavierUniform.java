package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's {@code xavier_uniform_} on the 2-D view (out, in) of a weight: U(−a, a) with a =
 * √(6 / (fan_in + fan_out)), fan_out = shape[0], fan_in = product of the other axes.
 *
 * <p>For a Linear weight (out, in) this is the usual Xavier bound. For the patch embedding
 * convolution (D, C, P, P) it is what MAE does ("initialize patch_embed like nn.Linear"): fan_in =
 * C·P·P, fan_out = D — unlike DJL's {@code XavierInitializer}, which multiplies both fans by P·P.
 * Random numbers come from the engine RNG ({@code Engine.getInstance().setRandomSeed}).
 */
public final class XavierUniform implements Initializer {

    /** Creates the initializer. */
    public XavierUniform() {}

    /**
     * The bound a for a shape.
     *
     * @param shape at least 2-D
     * @return √(6 / (fan_in + fan_out))
     */
    public static double bound(Shape shape) {
        if (shape.dimension() < 2) {
            throw new IllegalArgumentException("xavier-uniform needs a weight of rank >= 2, got shape " + shape);
        }
        long fanOut = shape.get(0);
        long fanIn = shape.size() / fanOut;
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    /** {@inheritDoc} */
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        float a = (float) bound(shape);
        return manager.randomUniform(-a, a, shape, dataType, manager.getDevice());
    }
}
