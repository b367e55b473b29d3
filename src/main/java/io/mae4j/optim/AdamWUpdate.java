package io.mae4j.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The in-place AdamW update of one parameter (see {@link AdamW} for the formula), in two forms
 * that compute the same thing:
 *
 * <ul>
 *   <li>{@link #fused}: one native call ({@code NDArrayEx.adamUpdate}, libtorch's in-place kernels:
 *       {@code mul_}, {@code add_}, {@code addcmul_}, …) instead of about fifteen small JNI calls
 *       and temporaries. The engine's kernel computes {@code p −= lrbc · m / (sqrt(v) + eps')}
 *       without the second bias correction inside the denominator; since {@code m / (sqrt(v)/c2 +
 *       eps) = c2 · m / (sqrt(v) + c2 · eps)} with {@code c2 = sqrt(1 − β2ᵗ)}, passing {@code lrbc =
 *       stepSize · c2} and {@code eps' = eps · c2} gives PyTorch's AdamW exactly (up to float
 *       rounding). Side effect: the engine zeroes the parameter's gradient afterwards.
 *   <li>{@link #reference}: the same update written op by op (the one {@link AdamW} uses).
 * </ul>
 *
 * <p>Status of the fused kernel: equal to the reference to float rounding ({@code AdamWUpdateTest}: 1e-6
 * on one update; {@code FusedAdamwRunTest}: a whole tiny run), and opt-in ({@code train.fused_adamw}):
 * on 2 CPU cores it saves ~20 ms of a ~320 ms vit_tiny_p8_64 step but made the ViT-B/16 step ~19 %
 * slower in 4 of 4 processes (src/site/markdown/performance.md), so the op-by-op update stays the default.
 * It was off after a NaN in 1 of 60 stress runs; that NaN came from the freed scalar operands of the
 * backward ({@code src/site/markdown/djl-scalar-operands.md}), not from this kernel. With those fixed,
 * the GC soak ({@code src/test/scripts/gc-soak.sh}) with the fused kernel gave 0 NaN and bitwise-equal
 * losses in 20 runs under {@code -Xmn4m} and 60 runs four JVMs at a time.
 */
final class AdamWUpdate {

    private AdamWUpdate() {}

    /**
     * The update through the engine's fused kernel; zeroes {@code p}'s gradient.
     *
     * @param p the parameter array, updated in place
     * @param g its gradient (left as is; the parameter's own gradient buffer is zeroed)
     * @param m first moment, updated in place
     * @param v second moment, updated in place
     * @param lr learning rate
     * @param wd weight decay of this parameter (0 for the no-decay group)
     * @param stepSize lr / (1 − β1ᵗ)
     * @param bias2Sqrt sqrt(1 − β2ᵗ)
     */
    static void fused(NDArray p, NDArray g, NDArray m, NDArray v, double lr, double wd, double beta1, double beta2,
            double eps, double stepSize, double bias2Sqrt) {
        // rescale 1, clip −1 (= none), adamw = decoupled decay p −= p · lr · wd before the moments
        p.getNDArrayInternal().adamUpdate(new NDList(p, g, m, v), new NDList(p), (float) lr,
                (float) (stepSize * bias2Sqrt), (float) wd, 1f, -1f, (float) beta1, (float) beta2,
                (float) (eps * bias2Sqrt), false, true);
    }

    /** The same update, op by op (PyTorch's {@code _single_tensor_adamw}); leaves the gradient alone. */
    static void reference(NDArray p, NDArray g, NDArray m, NDArray v, double lr, double wd, double beta1,
            double beta2, double eps, double stepSize, double bias2Sqrt) {
        if (wd != 0) {
            p.muli(1 - lr * wd);
        }
        m.muli(beta1);
        try (NDArray scaled = g.mul(1 - beta1)) {
            m.addi(scaled);
        }
        v.muli(beta2);
        try (NDArray sq = g.square()) {
            v.addi(sq.muli(1 - beta2));
        }
        try (NDArray denom = v.sqrt()) {
            denom.divi(bias2Sqrt).addi(eps);
            try (NDArray update = m.div(denom)) {
                p.subi(update.muli(stepSize));
            }
        }
    }
}
