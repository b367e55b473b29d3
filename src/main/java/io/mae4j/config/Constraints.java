package io.mae4j.config;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Value rules beyond types, checked on the composed config: keys whose strings come from a
 * fixed set, and {@code name}, which becomes a folder under {@code runs/}. Keys that the schema
 * does not declare are skipped.
 */
final class Constraints {

    /** Allowed values of enumerated string keys. */
    static final Map<String, List<String>> ALLOWED = Map.of(
            "data.kind", List.of("synthetic", "image_folder"),
            "eval.feature", List.of("cls", "mean"),
            "analysis.cls_handling", List.of("renormalise", "keep"));

    /** String keys whose values follow a pattern: the pattern and the spellings to suggest. */
    static final Map<String, Map.Entry<Pattern, String>> PATTERNS = Map.of(
            "runtime.device", Map.entry(Pattern.compile("auto|cpu|gpu(:\\d{1,3})?"), "auto, cpu, gpu, gpu:N (N = 0, 1, ...)"));

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private Constraints() {}

    static void check(Config c) {
        for (Map.Entry<String, List<String>> e : ALLOWED.entrySet()) {
            if (!c.hasPath(e.getKey())) {
                continue;
            }
            String v = c.getString(e.getKey());
            if (!e.getValue().contains(v)) {
                throw new ConfigException("key '" + e.getKey() + "' is '" + v + "' (from "
                        + Schema.originLabel(c.getValue(e.getKey()).origin()) + "); choose one of: "
                        + String.join(", ", Suggest.byDistance(v, e.getValue())));
            }
        }
        for (Map.Entry<String, Map.Entry<Pattern, String>> e : PATTERNS.entrySet()) {
            if (c.hasPath(e.getKey()) && !e.getValue().getKey().matcher(c.getString(e.getKey())).matches()) {
                throw new ConfigException("key '" + e.getKey() + "' is '" + c.getString(e.getKey()) + "' (from "
                        + Schema.originLabel(c.getValue(e.getKey()).origin()) + "); choose one of: " + e.getValue().getValue());
            }
        }
        if (c.hasPath("name")) {
            String name = c.getString("name");
            if (!name.isEmpty() && !NAME.matcher(name).matches()) {
                throw new ConfigException("name '" + name + "' (from " + Schema.originLabel(c.getValue("name").origin())
                        + ") names the folder runs/<name>/; use letters, digits, '_', '-' and '.' only,"
                        + " not starting with '.' or '-'");
            }
        }
    }
}
