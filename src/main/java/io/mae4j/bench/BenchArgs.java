package io.mae4j.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code key=value} arguments of {@code bench}, checked: unknown keys and unknown sections are
 * refused with the list of valid ones, numbers are parsed with an error that names the key.
 */
public final class BenchArgs {

    /** The sections, in the order {@code what=all} runs them ({@code memory} is not part of all). */
    public static final List<String> SECTIONS = List.of("train", "data", "sift", "cache", "mask", "analysis", "memory");

    /** Valid keys. */
    public static final List<String> KEYS = List.of("what", "model", "batch", "warmup", "reps", "images", "threads",
            "steps", "every", "workers", "root", "json", "adamw");

    private final Map<String, String> values;

    private BenchArgs(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses and checks the arguments.
     *
     * @throws IllegalArgumentException naming the bad argument, key or section and listing the valid ones
     */
    public static BenchArgs parse(List<String> args) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bench arguments are key=value, got '" + a + "'; keys: " + KEYS);
            }
            String key = a.substring(0, eq);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown bench key '" + key + "'; use one of " + KEYS);
            }
            kv.put(key, a.substring(eq + 1));
        }
        String what = kv.getOrDefault("what", "all");
        if (!what.equals("all") && !SECTIONS.contains(what)) {
            throw new IllegalArgumentException("bench what=" + what + " is not one of " + String.join(", ", SECTIONS)
                    + ", all");
        }
        String adamw = kv.get("adamw");
        if (adamw != null && !adamw.equals("fused") && !adamw.equals("reference")) {
            throw new IllegalArgumentException("bench adamw=" + adamw + " is not one of fused, reference (the AdamW"
                    + " update kernel; default: train.fused_adamw of configs/defaults.conf)");
        }
        BenchArgs out = new BenchArgs(kv);
        for (String k : List.of("batch", "warmup", "reps", "images", "threads", "steps", "every", "workers")) {
            if (kv.containsKey(k)) {
                out.integer(k, 0);
            }
        }
        return out;
    }

    /** The section asked for ({@code all} by default). */
    public String what() {
        return values.getOrDefault("what", "all");
    }

    /** Whether {@code section} runs: asked for by name, or part of {@code all} (every section but memory). */
    public boolean runs(String section) {
        return what().equals(section) || (what().equals("all") && !section.equals("memory"));
    }

    /** Whether the key was given. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The raw value, or {@code fallback}. */
    public String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /**
     * An integer value ≥ 0, or {@code fallback} when absent.
     *
     * @throws IllegalArgumentException naming the key when the value is not a non-negative integer
     */
    public int integer(String key, int fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bench " + key + "=" + v + " is not a non-negative integer");
        }
    }

    /** A positive integer: the given value when &gt; 0, else {@code fallback}. */
    public int positive(String key, int fallback) {
        int n = integer(key, 0);
        return n > 0 ? n : fallback;
    }
}
