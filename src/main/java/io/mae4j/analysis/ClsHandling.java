package io.mae4j.analysis;

import java.util.Locale;

/**
 * What happens to the CLS column when the patch block α = A[1:, 1:] is cut out of an attention
 * matrix A (CLS first).
 *
 * <p>Note: θ and the focus index do not depend on this choice. The detection line H̄_i =
 * γ · Σ_j α_ij / N scales with the row, so α_ij ≥ H̄_i selects the same S_i either way, and the
 * min-max normalisation of the focus index removes any row scale. The choice changes the α values
 * reported and drawn (heatmaps).
 */
public enum ClsHandling {
    /** Rows of α renormalised to sum 1 (src/site/markdown/definitions.md default). */
    RENORMALISE,
    /** α_ij = A_ij: each row keeps only its patch share, 1 − A_i0. */
    KEEP;

    /** Parses {@code renormalise} or {@code keep}. */
    public static ClsHandling parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "renormalise", "renormalize" -> RENORMALISE;
            case "keep" -> KEEP;
            default -> throw new IllegalArgumentException("analysis.cls_handling = '" + s
                    + "' is invalid: use renormalise or keep");
        };
    }

    /** The config spelling. */
    public String configName() {
        return this == RENORMALISE ? "renormalise" : "keep";
    }
}
