package io.mae4j.classify;

/**
 * Which encoder output a classifier reads, as {@code eval.feature}.
 *
 * <ul>
 *   <li>{@link #CLS}: the CLS token after the encoder's final LayerNorm (MAE linear probing's
 *       default, {@code global_pool = False}).
 *   <li>{@link #MEAN}: the mean of the kept patch tokens <em>before</em> the final LayerNorm,
 *       then a LayerNorm of the head ({@code fc_norm}): MAE fine-tuning's default {@code
 *       global_pool = True}. The encoder's own final norm is then unused (MAE deletes it).
 * </ul>
 */
public enum PoolFeature {
    CLS,
    MEAN;

    /** {@code cls} / {@code mean}. */
    public String configName() {
        return this == CLS ? "cls" : "mean";
    }

    /**
     * Parses {@code cls} / {@code mean}.
     *
     * @param key the config key, for the error message
     */
    public static PoolFeature parse(String s, String key) {
        if (s.equals("cls")) {
            return CLS;
        }
        if (s.equals("mean")) {
            return MEAN;
        }
        throw new IllegalArgumentException(key + " = '" + s + "' is invalid: use cls or mean");
    }
}
