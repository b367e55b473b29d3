package io.mae4j.model.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result of {@link OfficialNames#normalize}.
 *
 * @param weights the tensors under official MAE names (prefixes stripped, head and friends removed)
 * @param skipped name as in the file → why it was left out
 * @param notes what was changed, one line each
 * @param kind what the checkpoint looks like
 */
public record NameNormalization(StateDict weights, Map<String, String> skipped, List<String> notes, CheckpointKind kind) {

    public NameNormalization {
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        notes = List.copyOf(notes);
    }
}
