package io.mae4j.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a model's weights under the official MAE names, fixed tables included, so the official
 * code loads the file with {@code model.load_state_dict(torch.load(path))} (for {@code .pth}) and
 * timm / safetensors tools read it by name. Each fixed table is placed right after its anchor
 * ({@code pos_embed} after {@code cls_token}, {@code decoder_pos_embed} after {@code mask_token}) as
 * in the official state dict, or appended when the anchor is absent. Position tables must have the
 * official shape (1, N+1, D) with the CLS row first; (N+1, D) is accepted and given the leading axis.
 */
public final class WeightExporter {

    private static final Map<String, String> ANCHORS = Map.of("pos_embed", "cls_token", "decoder_pos_embed", "mask_token");

    private WeightExporter() {}

    /**
     * @param params official name → initialised parameter
     * @param constants official name → fixed table in its official shape, e.g. {@code pos_embed} (1, N+1, D)
     * @param out target file; the format follows its extension
     * @return the state dict that was written
     */
    public static StateDict export(Map<String, Parameter> params, Map<String, NDArray> constants, Path out)
            throws IOException {
        StateDict sd = toStateDict(params, constants, out.getFileName().toString());
        WeightFiles.write(sd, out);
        return sd;
    }

    /** The state dict {@link #export} writes (float32 values copied from the arrays). */
    public static StateDict toStateDict(Map<String, Parameter> params, Map<String, NDArray> constants, String source) {
        StateDict sd = new StateDict(source);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.isInitialized()) {
                throw new IllegalStateException("parameter '" + e.getKey() + "' is not initialised: initialise or"
                        + " train the model before exporting it");
            }
            sd.put(e.getKey(), TensorData.of(p.getArray()).withSourceDtype(WeightDtype.FLOAT32));
            constants.forEach((name, table) -> {
                if (e.getKey().equals(ANCHORS.get(name))) {
                    putConstant(sd, params, name, table);
                }
            });
        }
        constants.forEach((name, table) -> {
            if (!sd.contains(name)) {
                putConstant(sd, params, name, table);
            }
        });
        return sd;
    }

    private static void putConstant(StateDict sd, Map<String, Parameter> params, String name, NDArray table) {
        if (params.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is both a parameter and a fixed table: pass it once");
        }
        TensorData t = TensorData.of(table).withSourceDtype(WeightDtype.FLOAT32);
        if (ANCHORS.containsKey(name) && t.shape().length == 2) {
            t = new TensorData(new long[] {1, t.shape()[0], t.shape()[1]}, t.data()); // (T, D) → (1, T, D)
        }
        if (ANCHORS.containsKey(name) && (t.shape().length != 3 || t.shape()[0] != 1)) {
            throw new IllegalArgumentException("the official MAE stores " + name + " as (1, N+1, D) (CLS row first);"
                    + " got " + t.shapeString());
        }
        sd.put(name, t);
    }
}
