package io.mae4j.model.io;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How {@link WeightImporter} applies a state dict.
 *
 * @param strict fail (before loading anything) on missing encoder parameters, on missing decoder
 *     parameters unless {@code encoderOnly}, and on unexpected names
 * @param encoderOnly the file is expected to hold only the encoder (e.g. {@code mae_pretrain_vit_*.pth}):
 *     decoder parameters it lacks keep their initialisation and are reported, never failed
 * @param normalizeNames apply {@link OfficialNames#normalize} first (strip {@code module.}, skip the head)
 * @param fixedTables the model's fixed, non-learned tables under official names (sin-cos
 *     {@code pos_embed} (1, N+1, D), {@code decoder_pos_embed}); a file's table with such a name
 *     is compared with it, never loaded
 * @param fixedTableTolerance largest |file − model| accepted silently for a fixed table
 */
public record ImportOptions(boolean strict, boolean encoderOnly, boolean normalizeNames,
        Map<String, NDArray> fixedTables, double fixedTableTolerance) {

    /** Names that are fixed tables in our model even when no table is passed. */
    public static final Set<String> FIXED_TABLE_NAMES = Set.of("pos_embed", "decoder_pos_embed");

    public ImportOptions {
        fixedTables = Collections.unmodifiableMap(new LinkedHashMap<>(fixedTables));
        if (!(fixedTableTolerance >= 0)) {
            throw new IllegalArgumentException("fixedTableTolerance must be >= 0, got " + fixedTableTolerance);
        }
    }

    /** Not strict, full model (encoder + decoder) expected, names normalised, no tables, tolerance 1e-4. */
    public static ImportOptions defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ImportOptions}. */
    public static final class Builder {
        private boolean strict;
        private boolean encoderOnly;
        private boolean normalizeNames = true;
        private Map<String, NDArray> fixedTables = Map.of();
        private double tolerance = 1e-4;

        private Builder() {}

        /** See {@link ImportOptions#strict()}. */
        public Builder optStrict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** See {@link ImportOptions#encoderOnly()}. */
        public Builder optEncoderOnly(boolean encoderOnly) {
            this.encoderOnly = encoderOnly;
            return this;
        }

        /** See {@link ImportOptions#normalizeNames()}. */
        public Builder optNormalizeNames(boolean normalizeNames) {
            this.normalizeNames = normalizeNames;
            return this;
        }

        /** See {@link ImportOptions#fixedTables()}. */
        public Builder optFixedTables(Map<String, NDArray> fixedTables) {
            this.fixedTables = fixedTables;
            return this;
        }

        /** See {@link ImportOptions#fixedTableTolerance()}. */
        public Builder optFixedTableTolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /** The options. */
        public ImportOptions build() {
            return new ImportOptions(strict, encoderOnly, normalizeNames, fixedTables, tolerance);
        }
    }
}
