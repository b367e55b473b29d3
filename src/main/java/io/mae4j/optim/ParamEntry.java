package io.mae4j.optim;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One trainable parameter as the optimizer sees it.
 *
 * @param name a unique name, preferably the official MAE / timm name ({@code blocks.0.norm1.weight});
 *     it keys the optimizer state in {@link AdamW#stateDict()}
 * @param parameter the DJL parameter (must be initialised before the optimizer is built)
 * @param decay whether weight decay applies (the decay / no-decay parameter group)
 * @param lrScale factor on the learning rate of this parameter (the official MAE fine-tuning's
 *     {@code lr_scale} of layer-wise decay); 1 = the schedule's rate. Finite and &gt; 0.
 */
public record ParamEntry(String name, Parameter parameter, boolean decay, double lrScale) {

    public ParamEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameter, "parameter");
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be blank");
        }
        if (!(lrScale > 0) || Double.isInfinite(lrScale)) {
            throw new IllegalArgumentException("lr scale of parameter '" + name + "' must be finite and > 0, got " + lrScale);
        }
    }

    /** An entry with the schedule's own learning rate (lr scale 1). */
    public ParamEntry(String name, Parameter parameter, boolean decay) {
        this(name, parameter, decay, 1.0);
    }

    /** This entry with another lr scale. */
    public ParamEntry withLrScale(double scale) {
        return new ParamEntry(name, parameter, decay, scale);
    }

    /**
     * An entry whose group follows {@link AdamW#decays(String, ai.djl.ndarray.types.Shape)}.
     *
     * @param officialName the official name
     * @param parameter an initialised parameter
     */
    public static ParamEntry of(String officialName, Parameter parameter) {
        return new ParamEntry(officialName, parameter, AdamW.decays(officialName, parameter.getArray().getShape()));
    }

    /** Entries for every parameter of a model, by official name, decay decided by {@link AdamW#decays}. */
    public static List<ParamEntry> all(Map<String, Parameter> params) {
        List<ParamEntry> out = new ArrayList<>(params.size());
        params.forEach((name, p) -> out.add(of(name, p)));
        return out;
    }
}
