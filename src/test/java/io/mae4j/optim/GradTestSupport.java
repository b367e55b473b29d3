package io.mae4j.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

/** Builds parameters and gives them chosen gradients for optimizer tests. */
final class GradTestSupport {

    private GradTestSupport() {}

    static Parameter param(NDManager m, String name, float[] values, Shape shape) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        NDArray a = m.create(values, shape);
        a.setRequiresGradient(true);
        p.setArray(a);
        return p;
    }

    /**
     * Backward of Σ_i sum(c_i · p_i): adds c_i to each gradient (DJL accumulates gradients, so
     * this is an accumulation unless the grads were zeroed).
     */
    static void addGrads(Parameter[] params, float[][] grads) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (int i = 0; i < params.length; i++) {
                NDArray p = params[i].getArray();
                NDArray term = p.mul(p.getManager().create(grads[i], p.getShape())).sum();
                loss = loss == null ? term : loss.add(term);
            }
            gc.backward(loss);
        }
    }

    static float[] grad(Parameter p) {
        try (NDArray g = p.getArray().getGradient()) {
            return g.toFloatArray();
        }
    }
}
