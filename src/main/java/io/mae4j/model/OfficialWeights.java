package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Moves weights between a {@link MaeModel} and the official MAE state-dict naming ({@code
 * cls_token}, {@code patch_embed.proj.weight}, {@code blocks.0.attn.qkv.weight}, …, {@code
 * decoder_pred.bias}, plus the constant tables {@code pos_embed} and {@code decoder_pos_embed}).
 * Reading {@code .pth} files is not done here; this class works on named arrays (e.g. from an npz).
 */
public final class OfficialWeights {

    /** Names of the fixed position tables in an official state dict. */
    public static final List<String> CONSTANT_NAMES = List.of("pos_embed", "decoder_pos_embed");

    /** Largest accepted deviation of a checkpoint's position table from the sin-cos table. */
    public static final double POS_EMBED_TOLERANCE = 1e-4;

    private OfficialWeights() {}

    /**
     * Collects arrays by their names (e.g. {@code NDList.decode} of an npz).
     *
     * @param arrays named arrays
     * @return name → array, in list order
     */
    public static Map<String, NDArray> byName(NDList arrays) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (NDArray array : arrays) {
            if (array.getName() == null) {
                throw new IllegalArgumentException("an array without a name (shape " + array.getShape()
                        + ") cannot be matched to an official MAE parameter; save arrays by name (np.savez(file, **state))");
            }
            out.put(array.getName(), array);
        }
        return out;
    }

    /**
     * Copies official weights into an initialised model. Every model parameter must be present
     * with PyTorch's shape; {@code pos_embed}/{@code decoder_pos_embed}, when present, must equal
     * the model's sin-cos tables; any other name is an error. Values are copied (the given arrays
     * stay owned by the caller) and converted to float32.
     *
     * @param model an initialised model
     * @param state official name → array
     */
    public static void load(MaeModel model, Map<String, NDArray> state) {
        LinkedHashMap<String, Parameter> params = model.officialParameters();
        List<String> missing = new ArrayList<>();
        for (String name : params.keySet()) {
            if (!state.containsKey(name)) {
                missing.add(name);
            }
        }
        TreeSet<String> unknown = new TreeSet<>(state.keySet());
        unknown.removeAll(params.keySet());
        unknown.removeAll(CONSTANT_NAMES);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException("official MAE weights do not match the model " + model.config()
                    + ": missing " + missing + ", unexpected " + unknown
                    + ". Check model.depth / decoder_depth / embed_dim against the checkpoint");
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray value = state.get(e.getKey());
            NDArray target = e.getValue().getArray();
            if (!value.getShape().equals(target.getShape())) {
                throw new IllegalArgumentException("official weight '" + e.getKey() + "' has shape " + value.getShape()
                        + " but the model expects " + target.getShape() + " for " + model.config());
            }
        }
        checkTable(state, "pos_embed", model.positionEmbedding());
        checkTable(state, "decoder_pos_embed", model.decoderPositionEmbedding());
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray target = e.getValue().getArray();
            NDArray copy = state.get(e.getKey()).toType(DataType.FLOAT32, true).toDevice(target.getDevice(), false);
            target.intern(copy); // swaps the native tensor in place, so the Parameter keeps its array object
            target.setRequiresGradient(e.getValue().requiresGradient());
        }
    }

    /**
     * The model's weights under official names, in the official state-dict order, as copies
     * attached to {@code manager}, with the constant tables; encode with {@code NDList.encode(out,
     * Encoding.NPZ)} for numpy / PyTorch.
     *
     * @param model an initialised model
     * @param manager owner of the copies
     * @return named arrays
     */
    public static NDList export(MaeModel model, NDManager manager) {
        NDList out = new NDList();
        for (Map.Entry<String, Parameter> e : model.officialParameters().entrySet()) {
            add(out, manager, e.getKey(), e.getValue().getArray());
            if (e.getKey().equals("cls_token")) {
                add(out, manager, "pos_embed", model.positionEmbedding());
            } else if (e.getKey().equals("mask_token")) {
                add(out, manager, "decoder_pos_embed", model.decoderPositionEmbedding());
            }
        }
        return out;
    }

    private static void add(NDList out, NDManager manager, String name, NDArray array) {
        NDArray view = array.stopGradient(); // shares storage; created with the source array's manager
        view.attach(manager);
        NDArray copy = view.toDevice(manager.getDevice(), true);
        view.close();
        copy.setName(name);
        out.add(copy);
    }

    private static void checkTable(Map<String, NDArray> state, String name, NDArray expected) {
        NDArray given = state.get(name);
        if (given == null) {
            return;
        }
        if (!given.getShape().equals(expected.getShape())) {
            throw new IllegalArgumentException("'" + name + "' has shape " + given.getShape() + ", expected "
                    + expected.getShape() + ": a different image or patch size (interpolation is not supported)");
        }
        try (NDManager scope = expected.getManager().newSubManager()) {
            NDArray diff = expected.toType(DataType.FLOAT32, true);
            diff.attach(scope);
            double max = diff.sub(given.toType(DataType.FLOAT32, false)).abs().max().getFloat();
            if (max > POS_EMBED_TOLERANCE) {
                throw new IllegalArgumentException("'" + name + "' differs from the fixed 2-D sin-cos table by up to "
                        + max + "; learned or interpolated position embeddings are not supported");
            }
        }
    }
}
