package io.mae4j.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AdamW with PyTorch semantics ({@code torch.optim.AdamW}) and two parameter groups, decay and
 * no-decay, as the official MAE builds them. For every parameter with a gradient g, at step t,
 * with its own rate lr_p = lr · {@link ParamEntry#lrScale()} (the official fine-tuning's layer-wise
 * {@code lr_scale}; 1 in pre-training):
 *
 * <pre>
 *   p ← p · (1 − lr_p · wd)                   (decay group only)
 *   m ← β1 · m + (1 − β1) · g
 *   v ← β2 · v + (1 − β2) · g²
 *   p ← p − lr_p / (1 − β1ᵗ) · m / (sqrt(v) / sqrt(1 − β2ᵗ) + eps)
 * </pre>
 *
 * <p>Gradients: DJL's PyTorch {@code GradientCollector} does not zero gradients, so they accumulate
 * over backward calls (what gradient accumulation, {@code accum_iter}, relies on). The trainer must
 * call {@link #zeroGrad()} after every {@link #step(double)}. Parameters whose array does not track
 * gradients (frozen) are skipped; a parameter that tracks gradients but got none reads as a zero
 * gradient (DJL cannot tell them apart), so it still decays and its moments still decay.
 *
 * <p>All updates run in place on the parameter arrays, one parameter at a time ({@link
 * AdamWUpdate#reference}), and every temporary (including the gradient handle) is closed right away,
 * so memory stays flat. {@link #zeroGrad()} is one native call per parameter. Call {@code step}
 * outside a gradient collector (grad mode off). Not thread-safe.
 */
public final class AdamW implements AutoCloseable {

    /** PyTorch's default epsilon. */
    public static final double DEFAULT_EPS = 1e-8;

    private static final Set<String> NO_DECAY_NAMES = Set.of("cls_token", "mask_token", "pos_embed", "decoder_pos_embed");

    private final List<ParamEntry> params;
    private final double weightDecay;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final NDManager manager;
    private final NDArray[] expAvg;
    private final NDArray[] expAvgSq;
    private long stepCount;
    private boolean fused;

    /**
     * @param params the parameters, initialised, with unique names
     * @param weightDecay decoupled weight decay of the decay group (MAE pre-training: 0.05)
     * @param beta1 β1 (MAE: 0.9)
     * @param beta2 β2 (MAE: 0.95; PyTorch default 0.999)
     * @param eps added to the denominator ({@link #DEFAULT_EPS})
     */
    public AdamW(List<ParamEntry> params, double weightDecay, double beta1, double beta2, double eps) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("AdamW needs at least one parameter");
        }
        if (!(weightDecay >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("AdamW needs weight_decay ≥ 0, betas in [0, 1), eps > 0; got wd="
                    + weightDecay + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps);
        }
        Set<String> names = new HashSet<>();
        for (ParamEntry e : params) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("duplicate parameter name '" + e.name() + "' given to AdamW");
            }
            if (!e.parameter().isInitialized()) {
                throw new IllegalArgumentException("parameter '" + e.name() + "' is not initialised; initialise the model "
                        + "before building the optimizer");
            }
        }
        this.params = List.copyOf(params);
        this.weightDecay = weightDecay;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        Device device = params.get(0).parameter().getArray().getDevice();
        this.manager = NDManager.newBaseManager(device);
        this.expAvg = new NDArray[params.size()];
        this.expAvgSq = new NDArray[params.size()];
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i).parameter().getArray();
            expAvg[i] = manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
            expAvgSq[i] = manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
        }
    }

    /** The MAE pre-training optimizer: betas (0.9, 0.95), eps 1e-8. */
    public static AdamW mae(List<ParamEntry> params, double weightDecay) {
        return new AdamW(params, weightDecay, 0.9, 0.95, DEFAULT_EPS);
    }

    /**
     * The parameter-group rule: no weight decay for 1-D parameters (biases, norm scales), for names
     * ending in {@code .bias}, and for the tokens / position embeddings ({@code cls_token},
     * {@code mask_token}, {@code pos_embed}, {@code decoder_pos_embed}, matched on the last
     * dot-separated segment). Note: the official MAE pre-training passes no skip list to timm's
     * {@code add_weight_decay}, so it does decay {@code cls_token} and {@code mask_token} (its
     * position embeddings are frozen); we follow timm's ViT {@code no_weight_decay()} instead.
     *
     * @param officialName the parameter's official name
     * @param shape its shape
     * @return whether the parameter belongs to the decay group
     */
    public static boolean decays(String officialName, Shape shape) {
        if (shape.dimension() <= 1 || officialName.endsWith(".bias")) {
            return false;
        }
        String last = officialName.substring(officialName.lastIndexOf('.') + 1);
        return !NO_DECAY_NAMES.contains(last);
    }

    /**
     * One update of every parameter that tracks gradients.
     *
     * @param lr the learning rate of this iteration (see {@link LrSchedule}), before each
     *     parameter's {@link ParamEntry#lrScale()}
     */
    public void step(double lr) {
        stepCount++;
        double bias1 = 1 - Math.pow(beta1, stepCount);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, stepCount));
        for (int i = 0; i < params.size(); i++) {
            ParamEntry entry = params.get(i);
            NDArray p = entry.parameter().getArray();
            if (!p.hasGradient()) {
                continue;
            }
            double wd = entry.decay() ? weightDecay : 0;
            double lrP = entry.lrScale() == 1.0 ? lr : lr * entry.lrScale();
            double stepSize = lrP / bias1;
            try (NDArray g = p.getGradient()) {
                if (fused) {
                    AdamWUpdate.fused(p, g, expAvg[i], expAvgSq[i], lrP, wd, beta1, beta2, eps, stepSize, bias2Sqrt);
                } else {
                    AdamWUpdate.reference(p, g, expAvg[i], expAvgSq[i], lrP, wd, beta1, beta2, eps, stepSize, bias2Sqrt);
                }
            }
        }
    }

    /**
     * Chooses the update kernel: the engine's fused kernel (one native call per parameter, zeroes
     * the gradient) or the op-by-op reference. Both compute PyTorch's AdamW ({@link AdamWUpdate});
     * they agree to float rounding, not bitwise. Training follows {@code train.fused_adamw}.
     */
    public AdamW fusedUpdate(boolean on) {
        this.fused = on;
        return this;
    }

    /**
     * Sets every gradient to zero in place (call after each optimizer step). Also clears NaN / inf
     * gradients, unlike multiplying by 0.
     */
    public void zeroGrad() {
        for (ParamEntry entry : params) {
            NDArray p = entry.parameter().getArray();
            if (p instanceof PtNDArray pt) {
                JniUtils.zeroGrad(pt); // one native call: grad().zero_() when a gradient exists
            } else if (p.hasGradient()) {
                // set(index, Number) leaks its scalar in DJL 0.35: pass a scalar we close ourselves
                try (NDArray g = p.getGradient(); NDArray zero = manager.zeros(new Shape(), g.getDataType(), g.getDevice())) {
                    g.set(new NDIndex("..."), zero);
                }
            }
        }
    }

    /**
     * The global L2 norm of all gradients, as {@code torch.nn.utils.clip_grad_norm_}: when {@code
     * maxNorm > 0} and the norm exceeds it, every gradient is scaled in place by {@code maxNorm /
     * (norm + 1e-6)}. With {@code maxNorm ≤ 0} it only measures. A non-finite norm is returned
     * as is and nothing is scaled (the caller decides whether to skip the step).
     *
     * @param maxNorm the largest allowed norm, ≤ 0 = no clipping
     * @return the norm before clipping
     */
    public double clipGradNorm(double maxNorm) {
        double total = Math.sqrt(sumOfSquaredGradNorms(manager.getDevice().isGpu()));
        if (maxNorm > 0) {
            double coef = maxNorm / (total + 1e-6);
            if (coef < 1) {
                for (ParamEntry entry : params) {
                    NDArray p = entry.parameter().getArray();
                    if (p.hasGradient()) {
                        try (NDArray g = p.getGradient()) {
                            g.muli(coef);
                        }
                    }
                }
            }
        }
        return total;
    }

    /**
     * Σ ‖g‖² over the parameters with a gradient. On the CPU one host read per parameter (measured faster
     * there than stacking); on a GPU the squared norms are summed on the device and read once, so a step
     * synchronises once instead of once per parameter.
     *
     * @param onDevice sum on the arrays' device and read once (the GPU path; it runs on the CPU too)
     */
    double sumOfSquaredGradNorms(boolean onDevice) {
        if (!onDevice) {
            double sumSquares = 0;
            for (ParamEntry entry : params) {
                NDArray p = entry.parameter().getArray();
                if (p.hasGradient()) {
                    try (NDArray g = p.getGradient(); NDArray norm = g.norm()) {
                        double n = norm.toArray()[0].doubleValue();
                        sumSquares += n * n;
                    }
                }
            }
            return sumSquares;
        }
        try (NDManager scope = manager.newSubManager()) {
            NDList squares = new NDList();
            for (ParamEntry entry : params) {
                NDArray p = entry.parameter().getArray();
                if (p.hasGradient()) {
                    try (NDArray g = p.getGradient()) {
                        NDArray n = g.norm(); // ()
                        n.attach(scope);
                        squares.add(n.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).square()); // () float64
                    }
                }
            }
            return squares.isEmpty() ? 0 : ai.djl.ndarray.NDArrays.stack(squares).sum().getDouble(); // (P) -> ()
        }
    }

    /** The number of steps taken (PyTorch's {@code state['step']}). */
    public long stepCount() {
        return stepCount;
    }

    /** The parameters, in the order given. */
    public List<ParamEntry> params() {
        return params;
    }

    /**
     * A copy of the optimizer state: arrays named {@code exp_avg/<name>} and {@code
     * exp_avg_sq/<name>} for every parameter, in parameter order, then {@code step}, a 1-element
     * int64 array. The arrays are copies; close the list when done (otherwise they live until
     * {@link #close()}). Write them with {@code NDList.encode} (DJL, npz or safetensors).
     */
    public NDList stateDict() {
        NDList out = new NDList(2 * params.size() + 1);
        for (int i = 0; i < params.size(); i++) {
            out.add(named(expAvg[i].duplicate(), "exp_avg/" + params.get(i).name()));
            out.add(named(expAvgSq[i].duplicate(), "exp_avg_sq/" + params.get(i).name()));
        }
        out.add(named(manager.create(new long[] {stepCount}), "step"));
        return out;
    }

    /**
     * Restores a state written by {@link #stateDict()}; the arrays are copied, {@code state} stays
     * the caller's.
     *
     * @throws IllegalArgumentException naming every missing, unexpected or mis-shaped entry; the
     *     optimizer is unchanged then
     */
    public void loadStateDict(NDList state) {
        Map<String, NDArray> all = new LinkedHashMap<>();
        for (NDArray a : state) {
            all.put(a.getName(), a);
        }
        Map<String, NDArray> byName = new LinkedHashMap<>(all);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            for (String key : new String[] {"exp_avg/" + params.get(i).name(), "exp_avg_sq/" + params.get(i).name()}) {
                NDArray a = byName.remove(key);
                Shape expected = expAvg[i].getShape();
                if (a == null) {
                    problems.add("missing " + key);
                } else if (!a.getShape().equals(expected)) {
                    problems.add(key + " has shape " + a.getShape() + ", expected " + expected);
                }
            }
        }
        NDArray step = byName.remove("step");
        if (step == null) {
            problems.add("missing step");
        } else if (step.size() != 1) {
            problems.add("step has shape " + step.getShape() + ", expected 1 element");
        }
        for (String extra : byName.keySet()) {
            problems.add("unexpected " + extra);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("optimizer state does not match the model's parameters: "
                    + String.join("; ", problems) + ". Was the checkpoint written for another model or mask setup?");
        }
        for (int i = 0; i < params.size(); i++) {
            expAvg[i] = replace(expAvg[i], all.get("exp_avg/" + params.get(i).name()));
            expAvgSq[i] = replace(expAvgSq[i], all.get("exp_avg_sq/" + params.get(i).name()));
        }
        stepCount = step.toArray()[0].longValue();
    }

    /** Arrays held by the optimizer's own manager (for leak tests). */
    int managedArrayCount() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Copies {@code source} into a new array of the old one's type and device, closes the old one. */
    private NDArray replace(NDArray old, NDArray source) {
        NDArray copy = source.duplicate();
        NDArray typed = copy.toType(old.getDataType(), false);
        NDArray moved = typed.toDevice(old.getDevice(), false);
        if (typed != copy) {
            copy.close();
        }
        if (moved != typed) {
            typed.close();
        }
        moved.attach(manager);
        old.close();
        return moved;
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }
}
