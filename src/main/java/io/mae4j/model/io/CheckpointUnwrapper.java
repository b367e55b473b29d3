package io.mae4j.model.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the state dict inside an unpickled checkpoint. A map whose values are tensors is the state
 * dict itself; otherwise the first of {@code model}, {@code state_dict}, {@code module} holding a map
 * is unwrapped (recursively, so {@code {'state_dict': {'module': sd}}} works), as in MAE's
 * {@code misc.save_model} ({@code {'model', 'optimizer', 'epoch', 'scaler', 'args'}}). Scalar
 * entries beside it ({@code epoch}, {@code args}) are kept as extras; the rest is noted and ignored.
 */
public final class CheckpointUnwrapper {

    /** Keys that wrap a state dict, in the order they are tried. */
    public static final List<String> WRAPPER_KEYS = List.of("model", "state_dict", "module");

    private CheckpointUnwrapper() {}

    /**
     * @param tree result of {@link PthReader#readTree}
     * @param source file name for messages
     * @return the state dict, with notes on what was unwrapped or ignored
     * @throws WeightFileException when no dict of tensors is found
     */
    public static StateDict toStateDict(Object tree, String source) throws WeightFileException {
        StateDict sd = new StateDict(source);
        unwrap(tree, source, "", sd);
        return sd;
    }

    private static void unwrap(Object node, String source, String path, StateDict sd)
            throws WeightFileException {
        if (!(node instanceof Map<?, ?> map)) {
            throw new WeightFileException(source + (path.isEmpty() ? "" : " at " + path) + " holds a "
                    + kind(node) + ", not a dict of tensors: save model.state_dict() (or {'model': state_dict})");
        }
        int tensors = 0;
        for (Object v : map.values()) {
            tensors += v instanceof TensorData ? 1 : 0;
        }
        if (tensors == 0 && !map.isEmpty()) {
            for (String key : WRAPPER_KEYS) {
                if (map.get(key) instanceof Map<?, ?>) {
                    List<String> others = new ArrayList<>();
                    map.forEach((k, v) -> {
                        if (!key.equals(k)) {
                            others.add(String.valueOf(k));
                            keepScalar(String.valueOf(k), v, sd);
                        }
                    });
                    sd.addNote("unwrapped '" + path + key + "' from " + source
                            + (others.isEmpty() ? "" : " (other entries ignored: " + others + ")"));
                    unwrap(map.get(key), source, path + key + ".", sd);
                    return;
                }
            }
            throw new WeightFileException("no state dict found in " + source + (path.isEmpty() ? "" : " at " + path)
                    + ": its entries " + Names.preview(keys(map), 10) + " hold no tensors and none of "
                    + WRAPPER_KEYS + " holds a dict");
        }
        List<String> ignored = new ArrayList<>();
        map.forEach((k, v) -> {
            if (v instanceof TensorData t) {
                sd.put(String.valueOf(k), t);
            } else {
                ignored.add(k + " (" + kind(v) + ")");
            }
        });
        if (!ignored.isEmpty()) {
            sd.addNote("non-tensor entries ignored in " + source + ": " + Names.preview(ignored, 10));
        }
    }

    private static void keepScalar(String key, Object v, StateDict sd) {
        if (v instanceof Number || v instanceof String || v instanceof Boolean) {
            sd.putExtra(key, v);
        } else if (v instanceof TorchPickleObjects.PickledNamespace ns) {
            Map<String, Object> args = new LinkedHashMap<>();
            ns.forEach((k, val) -> args.put(String.valueOf(k), val instanceof Object[] a ? Arrays.asList(a) : val));
            sd.putExtra(key, args);
        }
    }

    private static List<String> keys(Map<?, ?> map) {
        List<String> out = new ArrayList<>();
        map.keySet().forEach(k -> out.add(String.valueOf(k)));
        return out;
    }

    private static String kind(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof TensorData t) {
            return "tensor " + t.shapeString();
        }
        if (v instanceof Map<?, ?>) {
            return "dict";
        }
        if (v instanceof List<?>) {
            return "list";
        }
        if (v instanceof Object[]) {
            return "tuple";
        }
        return v.getClass().getSimpleName();
    }
}
