package io.mae4j.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds NaN or infinite values in the floating-point arrays of a model or an optimizer before they
 * are saved or exported: a checkpoint that holds them cannot be resumed (every later step is NaN),
 * so it must never replace a good one. Integer arrays (the optimizer's step count) are skipped.
 */
public final class FiniteCheck {

    private FiniteCheck() {}

    /** The names of the parameters holding a NaN or an infinity, in map order; empty when all are finite. */
    public static List<String> nonFiniteParameters(Map<String, Parameter> params) {
        List<String> bad = new ArrayList<>();
        params.forEach((name, p) -> {
            if (!isFinite(p.getArray())) {
                bad.add(name);
            }
        });
        return bad;
    }

    /** The names of the arrays of {@code arrays} (e.g. an optimizer state) holding a NaN or an infinity. */
    public static List<String> nonFiniteArrays(NDList arrays) {
        List<String> bad = new ArrayList<>();
        for (NDArray a : arrays) {
            if (!isFinite(a)) {
                bad.add(a.getName());
            }
        }
        return bad;
    }

    /**
     * Whether every value of a floating-point array is finite: max(|a|) is (torch's max propagates
     * NaN, and |±inf| = inf). Non-float and empty arrays count as finite.
     */
    public static boolean isFinite(NDArray a) {
        if (!a.getDataType().isFloating() || a.size() == 0) {
            return true;
        }
        try (NDArray abs = a.abs(); // same shape as a
                NDArray max = abs.max(); // () the largest magnitude, NaN if any value is NaN
                NDArray max32 = max.toType(DataType.FLOAT32, false)) { // ()
            return Float.isFinite(max32.getFloat());
        }
    }

    /** "3 of 110 tensors (cls_token, pos_embed, blocks.0.norm1.weight, ...)". */
    public static String describe(List<String> bad, int total) {
        String names = String.join(", ", bad.subList(0, Math.min(3, bad.size()))) + (bad.size() > 3 ? ", ..." : "");
        return bad.size() + " of " + total + " tensors (" + names + ")";
    }
}
