package io.mae4j.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands a sweep: every argument whose value is a comma list ({@code seed=0,1}) contributes
 * one axis, and the result is the cartesian product with the first argument varying slowest.
 */
final class Multirun {

    private Multirun() {}

    /**
     * {@code ["mask=random,block", "seed=0,1"]} gives
     * {@code [[mask=random, seed=0], [mask=random, seed=1], [mask=block, seed=0], [mask=block, seed=1]]}.
     * No arguments give one empty list (a single run with the defaults).
     */
    static List<List<String>> expand(List<String> args) {
        List<List<String>> axes = new ArrayList<>();
        for (String arg : args) {
            Overrides.Assignment a = Overrides.parse(arg);
            List<String> values = a.sweepValues();
            List<String> axis = new ArrayList<>();
            for (String v : values) {
                if (v.isEmpty() && values.size() > 1) {
                    throw new ConfigException("sweep '" + arg + "' has an empty value; remove the extra comma"
                            + " or quote a value that contains commas (name=\"a,b\")");
                }
                axis.add(a.key() + "=" + v);
            }
            axes.add(axis);
        }
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (List<String> axis : axes) {
            List<List<String>> next = new ArrayList<>(out.size() * axis.size());
            for (List<String> prefix : out) {
                for (String choice : axis) {
                    List<String> run = new ArrayList<>(prefix);
                    run.add(choice);
                    next.add(List.copyOf(run));
                }
            }
            out = next;
        }
        return List.copyOf(out);
    }
}
