package io.mae4j.model.io;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * Compares a fixed table found in a file ({@code pos_embed}, {@code decoder_pos_embed}) with the
 * model's own, which is never replaced. Leading size-1 axes are ignored, so (1, T, D) and (T, D)
 * compare; a file with one more row than the model (a CLS row the model does not store) is compared
 * without its first row.
 */
final class FixedTableCheck {

    /** @param reason why it was skipped (for the report); @param warning a warning line, or null */
    record Outcome(String reason, String warning) {}

    private FixedTableCheck() {}

    static Outcome compare(String name, TensorData file, NDArray model, double tolerance, String source) {
        if (model == null) {
            return new Outcome("fixed table in this model, not loaded; not compared (no table given)", null);
        }
        TensorData ours = TensorData.of(model);
        long[] fs = squeezeLeading(file.shape());
        long[] ms = squeezeLeading(ours.shape());
        float[] fileValues = file.data();
        if (fs.length == 2 && ms.length == 2 && fs[1] == ms[1] && fs[0] == ms[0] + 1) {
            fileValues = Arrays.copyOfRange(fileValues, (int) fs[1], fileValues.length); // drop the CLS row
            fs = ms;
        }
        if (!Arrays.equals(fs, ms)) {
            boolean resolution = fs.length == 2 && ms.length == 2 && fs[1] == ms[1];
            String what = resolution
                    ? "different resolution: " + source + " has " + fs[0] + " positions, the model " + ms[0]
                            + "; interpolation is not supported, skipped (the model keeps its own table)"
                    : "shape " + file.shapeString() + " in " + source + " vs " + ours.shapeString()
                            + " in the model; skipped (the model keeps its own table)";
            return new Outcome(what, name + ": " + what);
        }
        double maxDiff = 0;
        for (int i = 0; i < fileValues.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs((double) fileValues[i] - ours.data()[i]));
        }
        String diff = String.format("max |diff| = %.3g", maxDiff);
        if (maxDiff > tolerance) {
            return new Outcome("fixed table, not loaded: differs from the model's (" + diff + ")",
                    name + " in " + source + " differs from the model's fixed sin-cos table (" + diff + " > "
                            + tolerance + "): the model keeps its own table; the file's was learned or made"
                            + " another way, so features may not transfer exactly");
        }
        return new Outcome("fixed table, not loaded: matches the model's (" + diff + ")", null);
    }

    private static long[] squeezeLeading(long[] shape) {
        int i = 0;
        while (i < shape.length - 1 && shape[i] == 1) {
            i++;
        }
        return Arrays.copyOfRange(shape, i, shape.length);
    }
}
