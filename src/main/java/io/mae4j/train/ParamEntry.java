package io.mae4j.train;

import ai.djl.nn.Parameter;
import java.util.Objects;

/**
 * One trainable parameter as the optimizer sees it.
 *
 * @param name a unique name, preferably the official MAE / timm name ({@code blocks.0.norm1.weight});
 *     it keys the optimizer state in {@link AdamW#stateDict()}
 * @param parameter the DJL parameter (must be initialised before the optimizer is built)
 * @param decay whether weight decay applies (the decay / no-decay parameter group)
 */
public record ParamEntry(String name, Parameter parameter, boolean decay) {

    public ParamEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameter, "parameter");
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be blank");
        }
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
    public static java.util.List<ParamEntry> all(java.util.Map<String, Parameter> params) {
        java.util.List<ParamEntry> out = new java.util.ArrayList<>(params.size());
        params.forEach((name, p) -> out.add(of(name, p)));
        return out;
    }
}
