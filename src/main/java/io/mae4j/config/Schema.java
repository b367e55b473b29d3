package io.mae4j.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The keys and types declared by {@code defaults.conf}. Every layer (group file, experiment
 * file, override) and the final resolved config are checked against it: a key must be
 * declared, and a value must keep the declared type: any number for a number, but a whole
 * number where the default is written as one ({@code 5}, not {@code 5.0}); a string or a number
 * for a string; a list whose elements have the type of the default's first element; an object
 * where the default is an object; never null.
 */
final class Schema {

    private final Map<String, ConfigValue> declared = new TreeMap<>(); // dotted path -> default
    private final List<String> candidates = new ArrayList<>();          // for "did you mean"
    private final String schemaFile;

    /**
     * @param defaults the resolved defaults.conf without its {@code defaults} block
     * @param schemaFile how to name defaults.conf in messages
     * @param groups group names, offered as suggestions too
     */
    Schema(Config defaults, String schemaFile, Collection<String> groups) {
        this.schemaFile = schemaFile;
        collect(defaults.root(), "");
        candidates.addAll(declared.keySet());
        for (String g : groups) {
            if (!declared.containsKey(g)) {
                candidates.add(g);
            }
        }
    }

    private void collect(ConfigObject obj, String prefix) {
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            String path = join(prefix, e.getKey());
            ConfigValue v = e.getValue();
            if (v.valueType() == ConfigValueType.NULL) {
                throw new ConfigException(schemaFile + " declares '" + path + "' as null; every key needs a real"
                        + " default value, which also fixes its type");
            }
            declared.put(path, v);
            if (v.valueType() == ConfigValueType.OBJECT) {
                collect((ConfigObject) v, path);
            }
        }
    }

    /** The declared default at a dotted path, or null when the key is not declared. */
    ConfigValue expected(String path) {
        return declared.get(path);
    }

    /**
     * Checks the keys and (resolved) values of one layer.
     *
     * @param source names the file or override a value came from
     */
    void checkLayer(ConfigObject layer, String prefix, Function<ConfigValue, String> source) {
        for (Map.Entry<String, ConfigValue> e : layer.entrySet()) {
            String path = join(prefix, e.getKey());
            ConfigValue given = e.getValue();
            ConfigValue expected = declared.get(path);
            if (expected == null) {
                throw unknownKey(path, source.apply(given));
            }
            ConfigValueType t = typeOrNull(given);
            if (t == null) {
                continue; // a substitution: checked after resolution
            }
            if (expected.valueType() == ConfigValueType.OBJECT && t == ConfigValueType.OBJECT) {
                checkLayer((ConfigObject) given, path, source);
            } else {
                checkValue(path, expected, given, source.apply(given));
            }
        }
    }

    /** Checks a composed, resolved config: every declared key present with its declared type. */
    void checkFinal(Config resolved) {
        checkTree(resolved.root(), "");
    }

    private void checkTree(ConfigObject obj, String prefix) {
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            String path = join(prefix, e.getKey());
            ConfigValue expected = declared.get(path);
            if (expected == null) {
                throw unknownKey(path, originLabel(e.getValue().origin()));
            }
            checkValue(path, expected, e.getValue(), originLabel(e.getValue().origin()));
            if (expected.valueType() == ConfigValueType.OBJECT) {
                checkTree((ConfigObject) e.getValue(), path);
            }
        }
    }

    /** The error for a key that defaults.conf does not declare, with the closest keys. */
    ConfigException unknownKey(String path, String source) {
        List<String> close = Suggest.closestKeys(path, candidates);
        String hint = close.isEmpty()
                ? "; every key must be declared in " + schemaFile + " (see it for the full list)"
                : Suggest.didYouMean(close);
        return new ConfigException("unknown key '" + path + "' (from " + source + ")" + hint);
    }

    private void checkValue(String path, ConfigValue expected, ConfigValue given, String source) {
        ConfigValueType want = expected.valueType();
        ConfigValueType got = typeOrNull(given);
        if (got == null) {
            return;
        }
        boolean ok = switch (want) {
            case NUMBER -> got == ConfigValueType.NUMBER && (!declaresInteger(expected) || isIntegral(given));
            case STRING -> got == ConfigValueType.STRING || got == ConfigValueType.NUMBER;
            default -> got == want;
        };
        if (!ok) {
            String fix = got == ConfigValueType.NULL ? "; null is not allowed" : "";
            throw new ConfigException("key '" + path + "' expects " + typeName(expected) + " but got "
                    + describe(given) + " (from " + source + ")" + fix + "; e.g. " + example(path, expected));
        }
        if (want == ConfigValueType.LIST && !((ConfigList) expected).isEmpty()) {
            ConfigValue elem = ((ConfigList) expected).get(0);
            ConfigList list = (ConfigList) given;
            for (int i = 0; i < list.size(); i++) {
                checkValue(path + "[" + i + "]", elem, list.get(i), source);
            }
        }
    }

    /** "an integer", "a number", "a list of numbers", ... */
    static String typeName(ConfigValue expected) {
        return switch (expected.valueType()) {
            case NUMBER -> declaresInteger(expected) ? "an integer" : "a number";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean (true or false)";
            case LIST -> ((ConfigList) expected).isEmpty() ? "a list"
                    : "a list of " + plural(((ConfigList) expected).get(0));
            case OBJECT -> "an object (a block of keys)";
            default -> "a value";
        };
    }

    private static String plural(ConfigValue elem) {
        String t = typeName(elem);
        return t.substring(t.indexOf(' ') + 1).replaceFirst("^(\\w+)", "$1s");
    }

    private static String describe(ConfigValue v) {
        if (v.valueType() == ConfigValueType.NULL) {
            return "null";
        }
        String kind = v.valueType().name().toLowerCase(java.util.Locale.ROOT);
        return "the " + kind + " " + HoconWriter.value(v);
    }

    private static String example(String path, ConfigValue expected) {
        if (expected.valueType() == ConfigValueType.OBJECT) {
            ConfigObject obj = (ConfigObject) expected;
            String first = obj.keySet().stream().sorted().findFirst().orElse("key");
            return "set its keys one by one, like " + example(join(path, first), obj.get(first));
        }
        return path + "=" + HoconWriter.value(expected);
    }

    /**
     * The default is written as a whole number ({@code 5}, not {@code 5.0} or {@code 1e3}): the
     * key takes integers. Typesafe Config stores {@code 0.0} as an int, so the written text decides.
     */
    static boolean declaresInteger(ConfigValue number) {
        Object n = number.unwrapped();
        return (n instanceof Integer || n instanceof Long) && !numberText(number).matches(".*[.eE].*");
    }

    /** A number as it was written ({@code 0.0}, {@code 1.5e-4}), or its shortest Java form if it was computed. */
    static String numberText(ConfigValue number) {
        return number.atKey("v").getString("v");
    }

    /** The value is a whole number ({@code 3} or {@code 3.0}), so an integer key may take it. */
    static boolean isIntegral(ConfigValue number) {
        Object n = number.unwrapped();
        double d = ((Number) n).doubleValue();
        return n instanceof Integer || n instanceof Long || (Double.isFinite(d) && d == Math.rint(d));
    }

    /** The value's type, or null while it is an unresolved substitution. */
    static ConfigValueType typeOrNull(ConfigValue v) {
        try {
            return v.valueType();
        } catch (com.typesafe.config.ConfigException.NotResolved e) {
            return null;
        }
    }

    /** An origin as a short label; overrides drop the line number of their one-line text. */
    static String originLabel(ConfigOrigin origin) {
        String d = origin.description();
        return d.startsWith("override '") ? d.replaceFirst(": \\d+$", "") : d;
    }

    static String join(String prefix, String key) {
        String k = ConfigUtil.joinPath(key);
        return prefix.isEmpty() ? k : prefix + "." + k;
    }
}
