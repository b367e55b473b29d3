package io.mae4j.run;

import com.typesafe.config.Config;
import io.mae4j.model.MaeConfig;

/** Maps the {@code model.*} config section onto the model's typed settings. */
public final class ModelSettings {

    private ModelSettings() {}

    /** Reads the {@code model} section. */
    public static MaeConfig from(Config model) {
        return new MaeConfig(
                model.getInt("img_size"),
                model.getInt("patch_size"),
                model.getInt("in_chans"),
                model.getInt("embed_dim"),
                model.getInt("depth"),
                model.getInt("num_heads"),
                model.getDouble("mlp_ratio"),
                model.getInt("decoder_embed_dim"),
                model.getInt("decoder_depth"),
                model.getInt("decoder_num_heads"),
                model.getBoolean("norm_pix_loss"));
    }
}
