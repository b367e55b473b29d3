package io.mae4j.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.mae4j.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the runs to compare from folders on disk. A folder is a run (it holds config.conf), or a
 * folder of runs: a multirun folder ({@code runs/<exp>/multirun-<time>/<n>/}) or an experiment
 * folder ({@code runs/<exp>/<time>/}, multirun folders inside it included), expanded to the run
 * folders up to two levels below it, in path order.
 */
public final class CompareRuns {

    private CompareRuns() {}

    /** The run folders of the given folders (duplicates once, in order). */
    public static List<Path> expand(List<Path> dirs) throws IOException {
        Set<Path> runs = new LinkedHashSet<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new IOException("compare: " + d + " is not a folder; pass run, multirun or experiment folders");
            }
            if (isRun(d)) {
                runs.add(d.normalize());
                continue;
            }
            List<Path> found = new ArrayList<>();
            collect(d, 2, found);
            if (found.isEmpty()) {
                throw new IOException("compare: " + d + " holds no run folder (a folder with config.conf) within two"
                        + " levels; pass run, multirun or experiment folders");
            }
            found.forEach(p -> runs.add(p.normalize()));
        }
        return new ArrayList<>(runs);
    }

    private static void collect(Path dir, int depth, List<Path> out) throws IOException {
        List<Path> subs;
        try (Stream<Path> s = Files.list(dir)) {
            subs = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path p : subs) {
            if (isRun(p)) {
                out.add(p);
            } else if (depth > 1) {
                collect(p, depth - 1, out);
            }
        }
    }

    private static boolean isRun(Path d) {
        return Files.isRegularFile(d.resolve("config.conf"));
    }

    /**
     * Loads runs: config.conf for the group value and seed, metrics.csv for the rows.
     *
     * @param groupBy config key whose value names the group (e.g. {@code mask.name})
     * @throws IOException when a run misses the key, or a file cannot be read
     */
    public static List<Comparison.Run> load(List<Path> runDirs, String groupBy) throws IOException {
        List<Comparison.Run> out = new ArrayList<>();
        for (Path d : runDirs) {
            Path conf = d.resolve("config.conf");
            Config c;
            try {
                c = ConfigFactory.parseFile(conf.toFile()).resolve();
            } catch (ConfigException e) {
                throw new IOException("compare: cannot read " + conf + ": " + e.getMessage(), e);
            }
            if (!c.hasPath(groupBy)) {
                throw new IOException("compare: " + conf + " has no key '" + groupBy + "'; choose another group_by");
            }
            String group = String.valueOf(c.getValue(groupBy).unwrapped());
            String seed = c.hasPath("seed") ? String.valueOf(c.getValue("seed").unwrapped()) : "?";
            out.add(new Comparison.Run(d, group, seed, RunFolder.open(d).readMetrics()));
        }
        return out;
    }
}
