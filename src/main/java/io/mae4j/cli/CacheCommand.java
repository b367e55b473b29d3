package io.mae4j.cli;

import com.typesafe.config.Config;
import io.mae4j.app.BootstrapScorerJob;
import io.mae4j.app.CacheBuildJob;
import io.mae4j.cache.BuildProgress;
import io.mae4j.cache.BuildResult;
import io.mae4j.cache.CacheEntry;
import io.mae4j.cache.CacheInfo;
import io.mae4j.cache.CacheReader;
import io.mae4j.cache.CacheSettings;
import io.mae4j.cache.CacheShow;
import io.mae4j.cache.Scorer;
import io.mae4j.cache.Scorers;
import io.mae4j.config.ConfigComposer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cache build|info|show}: the θ score cache. Arguments are config overrides; the shorthands
 * {@code scorer=}, {@code split=} and {@code cache=} stand for {@code cache.scorer}, {@code cache.split}
 * and {@code cache.path}.
 */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "Build, inspect and show the θ score cache.",
        subcommands = {CacheCommand.Build.class, CacheCommand.Info.class, CacheCommand.Show.class})
public class CacheCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The composed config of the arguments, shorthands expanded; {@code extra} collects image= / out=. */
    static Config compose(List<String> args, List<String> extra) {
        return ConfigComposer.locate().compose(expand(args, extra)).config();
    }

    /**
     * The arguments with the shorthands {@code scorer=}, {@code split=}, {@code cache=} written as their
     * keys; {@code image=} / {@code out=} go to {@code extra}.
     */
    static List<String> expand(List<String> args, List<String> extra) {
        List<String> all = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("scorer=")) {
                all.add("cache.scorer=" + a.substring(7));
            } else if (a.startsWith("split=")) {
                all.add("cache.split=" + a.substring(6));
            } else if (a.startsWith("cache=")) {
                all.add("cache.path=" + a.substring(6));
            } else if (a.startsWith("image=") || a.startsWith("out=")) {
                extra.add(a);
            } else {
                all.add(a);
            }
        }
        return all;
    }

    /** The cache file the config designates. */
    static Path file(Config c, CacheSettings s, Scorer scorer) {
        return CacheBuildJob.file(c, s, scorer);
    }

    /**
     * {@code cache build [data=...] [data.root=...] [split=...] scorer=sift-only|bootstrap|<run dir|.ckpt|weights>
     * [model=...] [cache.*=...]}. With a model scorer the grid is the model's (img_size / patch_size);
     * {@code bootstrap} first pre-trains one with random masking (see {@link BootstrapScorerJob}).
     */
    @Command(name = "build", mixinStandardHelpOptions = true, description = "Build or resume a θ score cache.")
    public static class Build implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ARG", description = "key=value overrides")
        List<String> args = new ArrayList<>();

        /** The result (for tests). */
        BuildResult result;

        @Override
        public Integer call() throws IOException {
            List<String> expanded = expand(args, new ArrayList<>());
            String cmd = "mae4j cache build " + String.join(" ", args);
            result = CacheBuildJob.build(expanded, cmd, BuildProgress.console(), System.out);
            System.out.println(result.summary());
            return 0;
        }
    }

    /** {@code cache info <file> | [data/split args]}. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Print a cache's header, coverage and the β its keypoint patches support.")
    public static class Info implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ARG", description = "a cache file, or key=value overrides")
        List<String> args = new ArrayList<>();

        /** The printed text (for tests). */
        String text;

        @Override
        public Integer call() throws IOException {
            Path f = null;
            List<String> rest = new ArrayList<>(args);
            if (!rest.isEmpty() && !rest.get(0).contains("=")) {
                f = Path.of(rest.remove(0));
            }
            Config c = compose(rest, new ArrayList<>());
            if (f == null) {
                CacheSettings s = CacheSettings.from(c);
                f = file(c, s, Scorers.resolve(s.scorer()));
            }
            CacheReader r = CacheReader.openUnchecked(f);
            text = "file                " + f + "\n" + CacheInfo.describe(r) + CacheInfo.feasibility(r, c);
            System.out.print(text);
            return 0;
        }
    }

    /** {@code cache show image=<path> [cache=<file>] out=<png>}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "PNG of an image's keypoints and θ̄ map.")
    public static class Show implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ARG", description = "image=<path> out=<png> [cache=<file>] ...")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            List<String> extra = new ArrayList<>();
            Config c = compose(args, extra);
            String image = null;
            String out = null;
            for (String e : extra) {
                if (e.startsWith("image=")) {
                    image = e.substring(6);
                } else {
                    out = e.substring(4);
                }
            }
            if (image == null || out == null) {
                throw new IllegalArgumentException("cache show needs image=<path> and out=<png>");
            }
            CacheSettings s = CacheSettings.from(c);
            CacheReader r = CacheReader.openUnchecked(file(c, s, Scorers.resolve(s.scorer())));
            Path img = Path.of(image);
            Path root = Path.of(r.header().datasetRoot());
            Path abs = Files.exists(img) ? img : root.resolve(image);
            CacheEntry e = r.scores(abs) == null ? r.entry(image.replace('\\', '/')) : null;
            var scores = e != null ? e.scores() : r.scores(abs);
            if (scores == null) {
                throw new IllegalArgumentException("image=" + image + " is not in the cache (" + r.size()
                        + " entries; paths are relative to " + root + ", e.g. train/<class>/<file>)");
            }
            CacheShow.write(abs, scores, Path.of(out));
            System.out.println("wrote " + out);
            return 0;
        }
    }
}
