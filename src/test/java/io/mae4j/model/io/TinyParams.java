package io.mae4j.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;

/**
 * Official-name parameter maps like a model's {@code officialParameters()}, for the TinyMae of
 * make_pth_fixtures.py (D = 4, one block, 2×2 patches of a 4×4×1 image, so N = 4).
 */
final class TinyParams {

    private TinyParams() {}

    /** Encoder + the decoder_embed of TinyMae + a mask_token (not in the fixture), all zeros. */
    static LinkedHashMap<String, Parameter> zeros(NDManager m) {
        LinkedHashMap<String, Parameter> p = new LinkedHashMap<>();
        add(p, m, "cls_token", 1, 1, 4);
        add(p, m, "patch_embed.proj.weight", 4, 1, 2, 2);
        add(p, m, "patch_embed.proj.bias", 4);
        add(p, m, "blocks.0.norm1.weight", 4);
        add(p, m, "blocks.0.norm1.bias", 4);
        add(p, m, "blocks.0.qkv.weight", 12, 4);
        add(p, m, "blocks.0.qkv.bias", 12);
        add(p, m, "norm.weight", 4);
        add(p, m, "norm.bias", 4);
        add(p, m, "mask_token", 1, 1, 4);
        add(p, m, "decoder_embed.weight", 4, 4);
        add(p, m, "decoder_embed.bias", 4);
        return p;
    }

    static void add(LinkedHashMap<String, Parameter> p, NDManager m, String name, long... shape) {
        NDArray a = m.zeros(new Shape(shape));
        p.put(name, Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(a).build());
    }

    /** The fixture's pos_embed: parameter #1 of TinyMae = arange(20) * 0.01 + 1, shape (1, 5, 4). */
    static NDArray fixturePosEmbed(NDManager m) {
        float[] v = new float[20];
        for (int k = 0; k < v.length; k++) {
            v[k] = k * 0.01f + 1;
        }
        return m.create(v, new Shape(1, 5, 4));
    }
}
