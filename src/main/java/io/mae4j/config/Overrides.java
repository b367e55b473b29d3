package io.mae4j.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Command-line arguments of the form {@code key=value}: the split at the first {@code '='},
 * the split of a value at its top-level commas (the sweep separator of a multirun; commas
 * inside {@code [...]}, {@code {...}} or double quotes do not count), and the conversion of a
 * {@code dotted.key=value} override into a one-key config layer.
 */
public final class Overrides {

    private Overrides() {}

    /**
     * One {@code key=value} argument.
     *
     * @param key the trimmed left-hand side: a group name or a dotted config key
     * @param value the trimmed right-hand side (may be empty)
     * @param arg the argument as given, for error messages
     */
    public record Assignment(String key, String value, String arg) {

        /** The value split at its top-level commas (one piece unless this is a sweep). */
        public List<String> sweepValues() {
            return split(value, "argument '" + arg + "'");
        }
    }

    /**
     * Splits {@code arg} at its first {@code '='}.
     *
     * @throws ConfigException when there is no {@code '='} or the key is empty
     */
    public static Assignment parse(String arg) {
        int eq = arg.indexOf('=');
        if (eq < 0) {
            throw new ConfigException("argument '" + arg + "' is not of the form key=value or group=option"
                    + " (e.g. train.epochs=10 or model=vit_b16)");
        }
        String key = arg.substring(0, eq).trim();
        if (key.isEmpty()) {
            throw new ConfigException("argument '" + arg + "' has an empty key; write key=value,"
                    + " e.g. train.epochs=10");
        }
        return new Assignment(key, arg.substring(eq + 1).trim(), arg);
    }

    /**
     * Splits a value at its top-level commas: {@code "0,1"} gives {@code [0, 1]},
     * {@code "[0.5,0.5],[1,1]"} gives two lists, {@code "\"a,b\",c"} gives {@code ["a,b", c]}.
     * A value without top-level commas comes back as a single piece. Pieces are trimmed.
     *
     * @throws ConfigException on unbalanced brackets or quotes
     */
    public static List<String> splitTopLevel(String value) {
        return split(value, "value '" + value + "'");
    }

    private static List<String> split(String value, String what) {
        List<String> pieces = new ArrayList<>();
        int depth = 0;
        boolean inQuotes = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (inQuotes) {
                if (c == '\\') {
                    i++; // skip the escaped character
                } else if (c == '"') {
                    inQuotes = false;
                }
            } else if (c == '"') {
                inQuotes = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth < 0) {
                    throw new ConfigException(what + " closes a bracket it never opened");
                }
            } else if (c == ',' && depth == 0) {
                pieces.add(value.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (inQuotes || depth != 0) {
            throw new ConfigException(what + " has an unclosed " + (inQuotes ? "quote" : "bracket"));
        }
        pieces.add(value.substring(start).trim());
        return pieces;
    }

    /**
     * One {@code key=value} override as a config holding just that key, checked against the
     * schema. The value is read as HOCON ({@code 100} a number, {@code [0.5,0.5]} a list,
     * {@code true} a boolean), except for string keys, which take the text literally unless it
     * starts with a quote, a bracket or a brace or holds a {@code ${...}} substitution.
     */
    static Config toLayer(Assignment a, Schema schema) {
        String label = "override '" + a.arg() + "'";
        ConfigValue expected = schema.expected(a.key());
        if (expected == null) {
            throw schema.unknownKey(a.key(), label);
        }
        String v = a.value();
        if (a.sweepValues().size() > 1) {
            throw new ConfigException(label + " is a comma list, i.e. a sweep: run it as a multirun (one run per"
                    + " value), or quote a string that contains commas, e.g. name=\"a,b\"");
        }
        Config layer;
        boolean literalString = expected.valueType() == ConfigValueType.STRING && !v.startsWith("\"")
                && !v.startsWith("[") && !v.startsWith("{") && !v.contains("${");
        if (literalString) {
            layer = ConfigFactory.empty().withValue(a.key(), ConfigValueFactory.fromAnyRef(v, label));
        } else {
            if (v.isEmpty()) {
                throw new ConfigException(label + " has no value; key '" + a.key() + "' expects "
                        + Schema.typeName(expected));
            }
            try {
                layer = ConfigFactory.parseString(a.key() + " = " + v, ConfigComposer.options(label));
            } catch (com.typesafe.config.ConfigException e) {
                throw new ConfigException("cannot parse the value of " + label + " (key '" + a.key() + "' expects "
                        + Schema.typeName(expected) + "): " + e.getMessage(), e);
            }
            if (!holdsOnly(layer, a.key())) {
                throw new ConfigException(label + " must hold a single value for '" + a.key() + "'");
            }
        }
        schema.checkLayer(layer.root(), "", x -> label);
        return layer;
    }

    /** The parsed text set {@code key} and nothing else (no injected second assignment). */
    private static boolean holdsOnly(Config layer, String key) {
        ConfigObject obj = layer.root();
        List<String> segments = ConfigUtil.splitPath(key);
        for (int i = 0; i < segments.size(); i++) {
            if (!obj.keySet().equals(Set.of(segments.get(i)))) {
                return false;
            }
            if (i < segments.size() - 1) {
                if (!(obj.get(segments.get(i)) instanceof ConfigObject child)) {
                    return false;
                }
                obj = child;
            }
        }
        return true;
    }
}
