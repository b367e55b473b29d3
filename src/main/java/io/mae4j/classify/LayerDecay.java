package io.mae4j.classify;

import ai.djl.nn.Parameter;
import io.mae4j.optim.ParamEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Layer-wise learning-rate decay of MAE fine-tuning ({@code util/lr_decay.py, param_groups_lrd}).
 * With {@code depth} blocks there are depth + 2 layer ids:
 *
 * <pre>
 *   0          cls_token, pos_embed, patch_embed.*
 *   i + 1      blocks.i.*
 *   depth + 1  everything else (norm, fc_norm, head)
 * </pre>
 *
 * A parameter of layer id k trains at {@code lr · decay^(depth + 1 − k)}; weight decay is off for
 * 1-D parameters (biases, norm scales) and the tokens ({@link io.mae4j.optim.AdamW#decays}).
 */
public final class LayerDecay {

    private LayerDecay() {}

    /**
     * The layer id of an official parameter name ({@code get_layer_id_for_vit}).
     *
     * @param name official name
     * @param depth encoder blocks
     */
    public static int layerId(String name, int depth) {
        if (name.equals("cls_token") || name.equals("pos_embed") || name.startsWith("patch_embed")) {
            return 0;
        }
        if (name.startsWith("blocks.")) {
            String[] parts = name.split("\\.");
            return Integer.parseInt(parts[1]) + 1;
        }
        return depth + 1;
    }

    /** The lr scale {@code decay^(depth + 1 − layerId(name))}. */
    public static double scale(String name, int depth, double decay) {
        return Math.pow(decay, depth + 1 - layerId(name, depth));
    }

    /**
     * Optimizer entries with the decay groups and layer-wise lr scales.
     *
     * @param params trainable parameters by official name
     * @param depth encoder blocks
     * @param decay the layer decay (MAE fine-tuning: 0.75); 1 = no decay
     */
    public static List<ParamEntry> entries(Map<String, Parameter> params, int depth, double decay) {
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("finetune.layer_decay = " + decay + " is invalid: it must be in (0, 1]");
        }
        List<ParamEntry> out = new ArrayList<>(params.size());
        params.forEach((name, p) -> out.add(ParamEntry.of(name, p).withLrScale(scale(name, depth, decay))));
        return out;
    }
}
