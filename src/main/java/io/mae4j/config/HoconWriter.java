package io.mae4j.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a resolved config as compact HOCON: keys sorted, one {@code key = value} per line,
 * nested blocks indented by two spaces, lists of scalars on one line, numbers as they were
 * written ({@code 4.0}, {@code 1.5e-4}); the text parses back to an equal config.
 */
final class HoconWriter {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private HoconWriter() {}

    static String write(ConfigObject root) {
        StringBuilder sb = new StringBuilder();
        writeObject(sb, root, "");
        return sb.toString();
    }

    private static void writeObject(StringBuilder sb, ConfigObject obj, String indent) {
        List<String> keys = new ArrayList<>(obj.keySet());
        keys.sort(null);
        for (String key : keys) {
            ConfigValue v = obj.get(key);
            String k = BARE_KEY.matcher(key).matches() ? key : ConfigUtil.quoteString(key);
            if (v instanceof ConfigObject child) {
                sb.append(indent).append(k).append(" {\n");
                writeObject(sb, child, indent + "  ");
                sb.append(indent).append("}\n");
            } else {
                sb.append(indent).append(k).append(" = ").append(value(v)).append('\n');
            }
        }
    }

    /** One value as HOCON text: numbers as written, lists inline, strings quoted. */
    static String value(ConfigValue v) {
        switch (v.valueType()) {
            case NUMBER:
                return Schema.numberText(v);
            case LIST: {
                List<String> parts = new ArrayList<>();
                for (ConfigValue e : (ConfigList) v) {
                    parts.add(value(e));
                }
                return "[" + String.join(", ", parts) + "]";
            }
            case OBJECT:
                return v.render(ConfigRenderOptions.concise()); // an object inside a list
            default:
                return v.render(ConfigRenderOptions.concise()); // strings quoted, booleans, null
        }
    }
}
