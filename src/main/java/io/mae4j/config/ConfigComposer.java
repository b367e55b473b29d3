package io.mae4j.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes a run's config from a {@code configs/} tree, Hydra style.
 *
 * <p>Application order: {@code defaults.conf} → one option file per group (model, data, mask,
 * train, eval, then any other group alphabetically) → the experiment file →
 * {@code key=value} overrides in the order given. A group's option comes from the command line
 * ({@code model=vit_b16}), else from the experiment file's {@code defaults { }} block, else from
 * defaults.conf's {@code defaults { }} block (whose keys define the groups). Arguments may come
 * in any order; for a repeated argument the last one wins.
 */
public final class ConfigComposer {

    static final String DEFAULTS_FILE = "defaults.conf";
    static final String DEFAULTS_KEY = "defaults";
    static final String EXPERIMENT = "experiment";
    static final String NO_EXPERIMENT = "none";
    private static final List<String> GROUP_ORDER = List.of("model", "data", "mask", "train", "eval");

    private final ConfigSource source;
    private final Config base;                      // defaults.conf without its defaults block
    private final Map<String, String> defaultChoices; // group -> option, application order
    private final Schema schema;

    /**
     * Reads and checks defaults.conf of {@code source}.
     *
     * @throws ConfigException when defaults.conf is missing or malformed, or names an option that does not exist
     */
    public ConfigComposer(ConfigSource source) {
        this.source = source;
        Config defaults = parse(DEFAULTS_FILE, source.read(DEFAULTS_FILE).orElseThrow(() -> new ConfigException(
                "no " + source.describe(DEFAULTS_FILE) + "; it declares every key and the default group options")));
        String file = source.describe(DEFAULTS_FILE);
        if (!defaults.hasPath(DEFAULTS_KEY) || defaults.root().get(DEFAULTS_KEY).valueType() != ConfigValueType.OBJECT) {
            throw new ConfigException(file + " needs a block 'defaults { model = ..., experiment = none }' naming"
                    + " the default option of every group");
        }
        Map<String, String> block = readChoices(defaults.getObject(DEFAULTS_KEY), file);
        this.defaultChoices = new LinkedHashMap<>();
        for (String g : applicationOrder(block.keySet())) {
            defaultChoices.put(g, block.get(g));
        }
        this.base = defaults.withoutPath(DEFAULTS_KEY);
        this.schema = new Schema(resolve(base), file, defaultChoices.keySet());
        defaultChoices.forEach((g, o) -> checkOption(g, o, "the defaults block of " + file));
    }

    /** The {@code configs/} directory of the working directory if it holds defaults.conf, else the classpath folder {@code configs/}. */
    public static ConfigComposer locate() {
        return locate(Path.of("configs"));
    }

    /** {@link #locate()} with the local folder given: {@code dir} when it holds defaults.conf, else the built-in tree. */
    static ConfigComposer locate(Path dir) {
        if (Files.isRegularFile(dir.resolve(DEFAULTS_FILE))) {
            return new ConfigComposer(ConfigSource.directory(dir));
        }
        if (Files.isDirectory(dir)) {
            // a configs/ of the user's that would silently not count: say so
            System.err.println("warning: " + dir.toAbsolutePath() + " has no " + DEFAULTS_FILE + ", so it is ignored"
                    + " and the built-in configs are used; put a complete tree there (the repository's configs/ folder,"
                    + " with defaults.conf) to use your own, or rename the folder");
        }
        return new ConfigComposer(ConfigSource.classpath(ConfigComposer.class.getClassLoader(), "configs"));
    }



    /** Group → its options, sorted; groups in application order, {@code experiment} last. */
    public Map<String, List<String>> groups() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String g : defaultChoices.keySet()) {
            out.put(g, source.options(g));
        }
        return out;
    }

    /**
     * The cartesian product of the comma lists in {@code args}, first argument varying slowest:
     * {@code mask=random,block seed=0,1} gives four argument lists. Commas inside brackets,
     * braces or double quotes do not separate values.
     */
    public List<List<String>> expandMultirun(List<String> args) {
        return Multirun.expand(args);
    }

    /**
     * Composes one run.
     *
     * @param args {@code group=option} and {@code dotted.key=value}, in any order
     * @throws ConfigException naming the argument or file at fault and what to do
     */
    public ComposedConfig compose(List<String> args) {
        Map<String, String> cliChoices = new LinkedHashMap<>();
        Map<String, String> cliArgs = new LinkedHashMap<>();
        List<Overrides.Assignment> keyOverrides = new ArrayList<>();
        List<String> given = new ArrayList<>();
        for (String arg : args) {
            Overrides.Assignment a = Overrides.parse(arg);
            given.add(a.key() + "=" + a.value());
            if (defaultChoices.containsKey(a.key())) {
                if (a.sweepValues().size() > 1) {
                    throw new ConfigException("'" + arg + "' lists several options of group '" + a.key()
                            + "': that is a sweep; run it as a multirun (one run per option) or choose one");
                }
                cliChoices.put(a.key(), a.value());
                cliArgs.put(a.key(), "the command line '" + arg + "'");
            } else if (a.key().equals(DEFAULTS_KEY) || a.key().startsWith(DEFAULTS_KEY + ".")) {
                throw new ConfigException("'" + arg + "': the defaults block cannot be overridden; choose a group"
                        + " option directly, e.g. model=vit_b16");
            } else {
                keyOverrides.add(a);
            }
        }

        Config experiment = ConfigFactory.empty();
        Map<String, String> expChoices = Map.of();
        String expFile = null;
        if (defaultChoices.containsKey(EXPERIMENT)) {
            String exp = cliChoices.getOrDefault(EXPERIMENT, defaultChoices.get(EXPERIMENT));
            checkOption(EXPERIMENT, exp, cliArgs.getOrDefault(EXPERIMENT, "the defaults block of " + describeDefaults()));
            String rel = EXPERIMENT + "/" + exp + ".conf";
            expFile = source.describe(rel);
            experiment = load(rel);
            expChoices = experimentChoices(experiment, expFile);
            experiment = experiment.withoutPath(DEFAULTS_KEY);
        }

        Map<String, String> choices = new LinkedHashMap<>();
        Config merged = base;
        for (String g : defaultChoices.keySet()) {
            String option;
            String from;
            if (cliChoices.containsKey(g)) {
                option = cliChoices.get(g);
                from = cliArgs.get(g);
            } else if (expChoices.containsKey(g)) {
                option = expChoices.get(g);
                from = "the defaults block of " + expFile;
            } else {
                option = defaultChoices.get(g);
                from = "the defaults block of " + describeDefaults();
            }
            checkOption(g, option, from);
            choices.put(g, option);
            if (g.equals(EXPERIMENT)) {
                continue;
            }
            String rel = g + "/" + option + ".conf";
            Config layer = load(rel);
            if (layer.hasPathOrNull(DEFAULTS_KEY)) {
                throw new ConfigException(source.describe(rel) + " has a defaults block; only defaults.conf and"
                        + " experiment files may choose group options");
            }
            merged = apply(layer, merged);
        }
        merged = apply(experiment, merged);
        for (Overrides.Assignment a : keyOverrides) {
            merged = Overrides.toLayer(a, schema).withFallback(merged);
        }

        Config resolved = resolve(merged);
        schema.checkFinal(resolved);
        String name = resolved.hasPath("name") ? resolved.getString("name") : "";
        String exp = choices.getOrDefault(EXPERIMENT, NO_EXPERIMENT);
        String experimentName = !name.isEmpty() ? name : !exp.equals(NO_EXPERIMENT) ? exp : "default";
        if (schema.expected("name") != null && name.isEmpty()) {
            resolved = resolved.withValue("name", ConfigValueFactory.fromAnyRef(experimentName, "experiment choice"));
        }
        resolved = resolved.withValue(DEFAULTS_KEY, ConfigValueFactory.fromMap(choices, "group choices"));
        Constraints.check(resolved);
        return new ComposedConfig(resolved, choices, given, experimentName);
    }

    /**
     * Re-opens a run's saved config (its {@code config.conf}) with extra {@code key=value}
     * overrides, e.g. {@code train.epochs=10} to extend a resumed run. Group choices are refused:
     * they would silently replace whole sections of a run that already has checkpoints.
     *
     * @param saved the resolved config the run was started with
     * @param args {@code dotted.key=value} overrides
     * @param origin the saved file, for error messages
     */
    public ComposedConfig reopen(Config saved, List<String> args, String origin) {
        schema.checkLayer(saved.withoutPath(DEFAULTS_KEY).root(), "", v -> origin);
        Config merged = saved.withoutPath(DEFAULTS_KEY);
        List<String> given = new ArrayList<>();
        for (String arg : args) {
            Overrides.Assignment a = Overrides.parse(arg);
            if (defaultChoices.containsKey(a.key()) || a.key().startsWith(DEFAULTS_KEY)) {
                throw new ConfigException("'" + arg + "': a resumed run keeps its group choices (see " + origin
                        + "); override single keys instead, e.g. train.epochs=10");
            }
            given.add(a.key() + "=" + a.value());
            merged = Overrides.toLayer(a, schema).withFallback(merged);
        }
        Config resolved = resolve(merged);
        schema.checkFinal(resolved);
        Map<String, String> choices = new LinkedHashMap<>();
        if (saved.hasPath(DEFAULTS_KEY)) {
            saved.getConfig(DEFAULTS_KEY).root().unwrapped().forEach((k, v) -> choices.put(k, String.valueOf(v)));
            resolved = resolved.withValue(DEFAULTS_KEY, ConfigValueFactory.fromMap(choices, "group choices"));
        }
        Constraints.check(resolved);
        String name = resolved.hasPath("name") ? resolved.getString("name") : "default";
        return new ComposedConfig(resolved, choices, given, name);
    }

    /** Checks a group or experiment file against the schema and puts it over {@code merged}. */
    private Config apply(Config layer, Config merged) {
        schema.checkLayer(layer.root(), "", v -> Schema.originLabel(v.origin()));
        return layer.withFallback(merged);
    }

    /** The experiment file's {@code defaults { }} block, checked: group names only, existing options. */
    private Map<String, String> experimentChoices(Config experiment, String file) {
        if (!experiment.hasPathOrNull(DEFAULTS_KEY)) {
            return Map.of();
        }
        ConfigValue v = experiment.root().get(DEFAULTS_KEY);
        if (v.valueType() != ConfigValueType.OBJECT) {
            throw new ConfigException("'defaults' in " + file + " must be a block like defaults { model = vit_b16 }");
        }
        Map<String, String> out = readChoices((ConfigObject) v, file);
        for (Map.Entry<String, String> e : out.entrySet()) {
            String g = e.getKey();
            if (g.equals(EXPERIMENT)) {
                throw new ConfigException("the defaults block of " + file + " chooses an experiment; an experiment"
                        + " cannot include another one: copy what you need instead");
            }
            if (!defaultChoices.containsKey(g)) {
                List<String> groups = new ArrayList<>(defaultChoices.keySet());
                throw new ConfigException("the defaults block of " + file + " names '" + g + "', which is not a group"
                        + Suggest.didYouMean(Suggest.closestKeys(g, groups)) + " (groups: " + String.join(", ", groups) + ")");
            }
            checkOption(g, e.getValue(), "the defaults block of " + file);
        }
        return out;
    }

    private static Map<String, String> readChoices(ConfigObject block, String file) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : block.entrySet()) {
            if (e.getValue().valueType() != ConfigValueType.STRING) {
                throw new ConfigException("defaults." + e.getKey() + " in " + file + " must be an option name"
                        + " (a file name without .conf), not " + e.getValue().render());
            }
            out.put(e.getKey(), (String) e.getValue().unwrapped());
        }
        return out;
    }

    private void checkOption(String group, String option, String from) {
        List<String> options = source.options(group);
        if (options.isEmpty()) {
            throw new ConfigException("group '" + group + "' has no options: add " + source.describe(group + "/<option>.conf"));
        }
        if (!options.contains(option)) {
            throw new ConfigException("no option '" + option + "' in group '" + group + "' (" + source.describe(group + "/")
                    + "); choose one of: " + String.join(", ", Suggest.byDistance(option, options))
                    + " (the choice came from " + from + ")");
        }
    }

    private Config load(String rel) {
        return parse(rel, source.read(rel).orElseThrow(() -> new ConfigException("cannot read " + source.describe(rel))));
    }

    private Config parse(String rel, String text) {
        try {
            return ConfigFactory.parseString(text, options(source.describe(rel)));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("cannot parse " + source.describe(rel) + ": " + e.getMessage(), e);
        }
    }

    static ConfigParseOptions options(String origin) {
        return ConfigParseOptions.defaults().setOriginDescription(origin).setSyntax(ConfigSyntax.CONF).setAllowMissing(false);
    }

    private static Config resolve(Config c) {
        try {
            return c.resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("cannot resolve a ${...} substitution: " + e.getMessage(), e);
        }
    }

    private String describeDefaults() {
        return source.describe(DEFAULTS_FILE);
    }

    /** The known groups first (model, data, mask, train, eval), then others alphabetically, experiment last. */
    private static List<String> applicationOrder(java.util.Collection<String> groups) {
        List<String> out = new ArrayList<>();
        for (String g : GROUP_ORDER) {
            if (groups.contains(g)) {
                out.add(g);
            }
        }
        groups.stream().filter(g -> !GROUP_ORDER.contains(g) && !g.equals(EXPERIMENT)).sorted().forEach(out::add);
        if (groups.contains(EXPERIMENT)) {
            out.add(EXPERIMENT);
        }
        return out;
    }
}
