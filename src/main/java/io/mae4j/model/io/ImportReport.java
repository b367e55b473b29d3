package io.mae4j.model.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link WeightImporter#apply} did. Names are official (normalised) names, except skipped
 * ones, which are as in the file.
 *
 * @param source the file
 * @param kind what the checkpoint looked like
 * @param loaded parameters whose values were replaced, in file order
 * @param missing model parameters the file lacks (they keep their values), in model order
 * @param unexpected file tensors the model has no parameter for (ignored)
 * @param skipped file tensors deliberately not loaded → why (head, fixed tables, …)
 * @param warnings things to look at (fixed table differs, resolution differs)
 * @param notes what normalisation and unwrapping did
 */
public record ImportReport(String source, CheckpointKind kind, List<String> loaded, List<String> missing,
        List<String> unexpected, Map<String, String> skipped, List<String> warnings, List<String> notes) {

    public ImportReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /** {@code loaded 150, missing 0, unexpected 0, skipped 2, warnings 0}. */
    public String summary() {
        return "loaded " + loaded.size() + ", missing " + missing.size() + ", unexpected " + unexpected.size()
                + ", skipped " + skipped.size() + ", warnings " + warnings.size();
    }

    /** Multi-line: source, kind, counts, then every missing / unexpected / skipped name and warning. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("weights from ").append(source).append(": ").append(summary()).append('\n');
        sb.append("  kind: ").append(kind.description()).append('\n');
        sb.append("  loaded: ").append(Names.preview(loaded, 5)).append('\n');
        section(sb, "missing (kept as initialised)", missing);
        section(sb, "unexpected (ignored)", unexpected);
        if (!skipped.isEmpty()) {
            sb.append("  skipped:\n");
            skipped.forEach((n, why) -> sb.append("    ").append(n).append(": ").append(why).append('\n'));
        }
        section(sb, "WARNING", warnings);
        section(sb, "notes", notes);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            sb.append("  ").append(title).append(":\n");
            lines.forEach(l -> sb.append("    ").append(l).append('\n'));
        }
    }
}
