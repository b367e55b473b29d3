package io.mae4j.data;

import com.typesafe.config.Config;
import java.util.List;

/**
 * The per-channel normalisation of model inputs, {@code data.mean} and {@code data.std} (R, G, B),
 * read once from the {@code data} section: {@code x' = (x / 255 − mean) / std}.
 *
 * @param mean per-channel mean, R G B
 * @param std per-channel standard deviation, R G B
 */
public record Normalization(float[] mean, float[] std) {

    /** Reads {@code mean} and {@code std} of the {@code data} config section. */
    public static Normalization from(Config data) {
        return new Normalization(Normalization.from(data).mean(), Normalization.from(data).std());
    }

}
