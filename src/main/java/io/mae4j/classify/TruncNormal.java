package io.mae4j.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * timm's {@code trunc_normal_(w, std)} as the official MAE uses it for classifier heads: N(0, std²)
 * cut at the <em>absolute</em> bounds [−2, 2] (timm's defaults; for std ≤ 0.01 the cut never
 * matters). Values beyond the bounds are clipped to them rather than redrawn.
 */
final class TruncNormal implements Initializer {

    private final float std;

    TruncNormal(double std) {
        if (!(std > 0)) {
            throw new IllegalArgumentException("trunc-normal std must be > 0, got " + std);
        }
        this.std = (float) std;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray n = scope.randomNormal(0f, std, shape, dataType, manager.getDevice());
            NDArray out = n.clip(-2f, 2f);
            out.attach(manager);
            return out;
        }
    }
}
