package io.mae4j.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.mae4j.device.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters grouped by model block, from their official MAE names: {@code blocks.3.attn.qkv.weight}
 * → {@code blocks.3}, {@code decoder_blocks.0.mlp.fc1.bias} → {@code decoder_blocks.0}, anything
 * else by its first name component ({@code patch_embed}, {@code cls_token}, {@code norm},
 * {@code decoder_pred}, ...). Groups keep the model's order.
 */
public final class ParamGroups {

    /**
     * One block.
     *
     * @param name the block
     * @param norm L2 norm of all its parameters
     * @param weights the values of its parameters with two or more axes (weight matrices, patch
     *     kernel, tokens); biases and LayerNorm scales (all near 0 or 1) are left out so they do not
     *     stretch a histogram's range; empty for blocks made of those only
     */
    public record Group(String name, double norm, float[] weights) {}

    private ParamGroups() {}

    /** The block an official parameter name belongs to. */
    static String blockOf(String name) {
        String[] parts = name.split("\\.");
        if ((parts[0].equals("blocks") || parts[0].equals("decoder_blocks")) && parts.length > 1) {
            return parts[0] + "." + parts[1];
        }
        return parts[0];
    }

    /** Every block, copying one parameter tensor at a time to the heap. */
    public static List<Group> collect(Map<String, Parameter> params) {
        Map<String, List<float[]>> weights = new LinkedHashMap<>();
        Map<String, Double> squares = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            NDArray a = p.getArray();
            float[] v = Host.floats(a); // a parameter: read through a closed host copy
            String block = blockOf(name);
            double s = 0;
            for (float x : v) {
                s += (double) x * x;
            }
            squares.merge(block, s, Double::sum);
            List<float[]> list = weights.computeIfAbsent(block, k -> new ArrayList<>());
            if (a.getShape().dimension() >= 2) {
                list.add(v);
            }
        });
        List<Group> out = new ArrayList<>();
        weights.forEach((block, arrays) -> {
            float[] all = new float[arrays.stream().mapToInt(x -> x.length).sum()];
            int at = 0;
            for (float[] x : arrays) {
                System.arraycopy(x, 0, all, at, x.length);
                at += x.length;
            }
            out.add(new Group(block, Math.sqrt(squares.get(block)), all));
        });
        return out;
    }
}
