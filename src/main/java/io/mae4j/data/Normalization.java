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
        return new Normalization(floats(data.getDoubleList("mean")), floats(data.getDoubleList("std")));
    }

    private static float[] floats(List<Double> v) {
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).floatValue();
        }
        return out;
    }
}
