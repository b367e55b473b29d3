package io.mae4j.maskeval;

import java.util.Locale;

/**
 * How dropped patches are removed at inference ({@code mask_eval.drop}).
 * <ul>
 *   <li>{@link #TOKENS}: the encoder sees only the kept patch tokens (their position embeddings
 *       unchanged), as MAE's encoder sees the visible patches;
 *   <li>{@link #MEAN}: the dropped patches' pixels are set to the dataset mean colour, i.e. 0 after
 *       normalisation, and all N tokens are kept (the paper's greyed-out picture, for classifiers
 *       that were never trained on token subsets).
 * </ul>
 */
public enum DropMode {
    /** Kept tokens only. */
    TOKENS,
    /** Mean-colour fill, all tokens. */
    MEAN;

    /**
     * Parses "tokens" or "mean".
     *
     * @throws IllegalArgumentException naming the value
     */
    public static DropMode parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "tokens" -> TOKENS;
            case "mean" -> MEAN;
            default -> throw new IllegalArgumentException("mask_eval.drop = '" + s + "': use tokens or mean");
        };
    }

    /** The config spelling. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
