package io.mae4j.model.io;

import ai.djl.ndarray.NDArray;
import io.mae4j.util.ArrayCopy;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a state dict into a model's parameters, addressed by official MAE names (the model's
 * {@code officialParameters()}). Everything is checked before anything is copied: a shape
 * mismatch, an uninitialised parameter or a strict-mode failure leaves the model untouched.
 *
 * <p>Values are copied in place ({@link NDArray#set}), so the parameter arrays, their gradients and
 * any optimizer state that refers to them stay the same objects.
 */
public final class WeightImporter {

    private WeightImporter() {}

    /**
     * @param target official name → parameter (initialised)
     * @param sd the weights, e.g. from {@link WeightFiles#read}
     * @param opts strictness, encoder-only, fixed tables
     * @return what was loaded, missing, unexpected and skipped
     * @throws IllegalArgumentException on a shape mismatch, naming the parameter and both shapes
     * @throws IllegalStateException in strict mode on missing / unexpected names, or when a
     *     parameter to load is not initialised
     */
    public static ImportReport apply(Map<String, Parameter> target, StateDict sd, ImportOptions opts) {
        NameNormalization norm = opts.normalizeNames()
                ? OfficialNames.normalize(sd)
                : new NameNormalization(sd, Map.of(), List.of(), CheckpointKind.UNKNOWN);
        StateDict file = norm.weights();
        Map<String, String> skipped = new LinkedHashMap<>(norm.skipped());
        List<String> notes = new ArrayList<>(sd.notes());
        notes.addAll(norm.notes());
        List<String> warnings = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> shapeErrors = new ArrayList<>();
        Map<String, TensorData> plan = new LinkedHashMap<>();

        for (Map.Entry<String, TensorData> e : file) {
            String name = e.getKey();
            TensorData t = e.getValue();
            Parameter p = target.get(name);
            if (p != null) {
                long[] shape = shapeOf(p, name, sd.source());
                if (Arrays.equals(shape, t.shape())) {
                    plan.put(name, t);
                } else {
                    shapeErrors.add(name + ": model " + Strides.shapeString(shape) + " vs file " + t.shapeString());
                }
            } else if (opts.fixedTables().containsKey(name) || ImportOptions.FIXED_TABLE_NAMES.contains(name)) {
                FixedTableCheck.Outcome o = FixedTableCheck.compare(name, t, opts.fixedTables().get(name),
                        opts.fixedTableTolerance(), sd.source());
                skipped.put(name, o.reason());
                if (o.warning() != null) {
                    warnings.add(o.warning());
                }
            } else {
                unexpected.add(name);
            }
        }
        if (!shapeErrors.isEmpty()) {
            throw new IllegalArgumentException("shape mismatch importing " + sd.source() + " (nothing was loaded): "
                    + String.join("; ", shapeErrors) + ". The file is for a differently sized model: check"
                    + " embed_dim, depth, patch_size, mlp_ratio and decoder sizes");
        }

        List<String> missingEncoder = new ArrayList<>();
        List<String> missingDecoder = new ArrayList<>();
        for (String name : target.keySet()) {
            if (!file.contains(name)) {
                (OfficialNames.isDecoderName(name) ? missingDecoder : missingEncoder).add(name);
            }
        }
        if (opts.strict()) {
            checkStrict(sd.source(), norm.kind(), missingEncoder, missingDecoder, unexpected, opts.encoderOnly());
        }
        if (!missingDecoder.isEmpty()) {
            notes.add(missingDecoder.size() + " decoder parameters are not in the file and keep their initialisation"
                    + (opts.encoderOnly() ? " (encoder-only import)" : ""));
        }

        plan.forEach((name, t) -> copyInto(target.get(name), t));
        List<String> missing = new ArrayList<>(missingEncoder);
        missing.addAll(missingDecoder);
        return new ImportReport(sd.source(), norm.kind(), new ArrayList<>(plan.keySet()), missing, unexpected,
                skipped, warnings, notes);
    }

    private static void checkStrict(String source, CheckpointKind kind, List<String> missingEncoder,
            List<String> missingDecoder, List<String> unexpected, boolean encoderOnly) {
        List<String> problems = new ArrayList<>();
        if (!missingEncoder.isEmpty()) {
            problems.add(missingEncoder.size() + " encoder parameters missing " + Names.preview(missingEncoder, 10));
        }
        if (!missingDecoder.isEmpty() && !encoderOnly) {
            problems.add(missingDecoder.size() + " decoder parameters missing " + Names.preview(missingDecoder, 10)
                    + (kind == CheckpointKind.MAE_ENCODER_ONLY || kind == CheckpointKind.TIMM_CLASSIFIER
                            ? " (the file holds only an encoder: import it with encoderOnly, as model.init_weights does by itself when the file has no decoder tensor)" : ""));
        }
        if (!unexpected.isEmpty()) {
            problems.add(unexpected.size() + " unexpected tensors " + Names.preview(unexpected, 10));
        }
        if (!problems.isEmpty()) {
            throw new WeightMismatchException("strict import of " + source + " failed (nothing was loaded): "
                    + String.join("; ", problems) + ". Choose the model the weights were trained with (model=<preset>"
                    + " or model.* keys); `mae4j weights inspect <file>` lists the file's tensors and shapes");
        }
    }

    private static long[] shapeOf(Parameter p, String name, String source) {
        if (!p.isInitialized()) {
            throw new IllegalStateException("parameter '" + name + "' is not initialised, so " + source
                    + " cannot be loaded into it: initialise the model (block.initialize(...)) before importing weights");
        }
        return p.getArray().getShape().getShape();
    }

    private static void copyInto(Parameter p, TensorData t) {
        NDArray array = p.getArray();
        try (NDManager scope = array.getManager().newSubManager()) {
            ArrayCopy.into(array, scope.create(t.data(), array.getShape())); // float32 values converted to the parameter's type
        }
    }
}
