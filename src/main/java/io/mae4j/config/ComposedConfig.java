package io.mae4j.config;

import com.typesafe.config.Config;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link ConfigComposer#compose}: a resolved, validated config.
 *
 * <p>The config holds every key of defaults.conf, plus a {@code defaults} block that records
 * the option actually used for each group; an empty {@code name} is replaced by
 * {@code experimentName}.
 *
 * @param config the resolved config
 * @param choices group -> option used, in application order (model, data, mask, train, eval, ..., experiment)
 * @param overrides the command-line arguments as given (choices and key=value), in order, to relaunch the run
 * @param experimentName {@code name} if set, else the experiment choice unless it is {@code none}, else {@code default}
 */
public record ComposedConfig(Config config, Map<String, String> choices, List<String> overrides, String experimentName) {

    /** Copies the collections; {@code choices} keeps its order. */
    public ComposedConfig {
        choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
        overrides = List.copyOf(overrides);
    }

    /**
     * The resolved config as HOCON: a comment header (experiment, choices, overrides), then
     * the keys sorted, without origin comments. This is what {@code config show} prints and what
     * a run saves as {@code config.conf}; it parses back to a config equal to {@link #config()}.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# mae4j resolved config, experiment '").append(oneLine(experimentName)).append("'\n");
        StringBuilder groups = new StringBuilder();
        choices.forEach((g, o) -> groups.append(' ').append(g).append('=').append(o));
        sb.append("# groups:").append(oneLine(groups.toString())).append('\n');
        sb.append("# overrides:");
        for (String o : overrides) {
            sb.append(' ').append(oneLine(o));
        }
        sb.append("\n\n").append(HoconWriter.write(config.root()));
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
