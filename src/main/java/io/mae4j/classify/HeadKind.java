package io.mae4j.classify;

import java.util.Locale;

/**
 * The two classifier recipes of the official MAE code.
 *
 * <ul>
 *   <li>{@link #LINPROBE} ({@code main_linprobe.py}): the encoder is frozen; the feature goes
 *       through a BatchNorm without affine parameters, then a Linear layer (trunc-normal std
 *       0.01). Only the Linear layer trains.
 *   <li>{@link #FINETUNE} ({@code main_finetune.py}): every encoder parameter trains with
 *       layer-wise lr decay; Linear head initialised with trunc-normal std 2e-5.
 * </ul>
 */
public enum HeadKind {
    LINPROBE,
    FINETUNE;

    /** The command / config-section name: {@code linprobe} or {@code finetune}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code linprobe} / {@code finetune}. */
    public static HeadKind parse(String s) {
        for (HeadKind k : values()) {
            if (k.configName().equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("head kind '" + s + "' is invalid: use linprobe or finetune");
    }

    /** Standard deviation of the Linear head's trunc-normal initialisation (MAE: 0.01 / 2e-5). */
    public double headInitStd() {
        return this == LINPROBE ? 0.01 : 2e-5;
    }
}
