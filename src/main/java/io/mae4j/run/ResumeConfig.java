package io.mae4j.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mae4j.config.ComposedConfig;
import io.mae4j.config.ConfigComposer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The config of a run being resumed: its saved {@code config.conf} (not today's configs/, which
 * may have changed), plus any {@code key=value} overrides given now, recorded in overrides.txt.
 *
 * @param config the resolved config
 * @param rendered the text saved back as config.conf
 * @param overrides all arguments so far: the original ones, then the resume ones
 */
public record ResumeConfig(Config config, String rendered, List<String> overrides) {

    /** Loads the run's config and applies the new overrides. */
    public static ResumeConfig load(RunFolder folder, List<String> extra) throws IOException {
        Path file = folder.dir().resolve("config.conf");
        Config saved = ConfigFactory.parseString(Files.readString(file, StandardCharsets.UTF_8)).resolve();
        ComposedConfig c = ConfigComposer.locate().reopen(saved, extra, file.toString());
        List<String> all = new ArrayList<>();
        Path ov = folder.dir().resolve("overrides.txt");
        if (Files.exists(ov)) {
            all.addAll(Files.readAllLines(ov, StandardCharsets.UTF_8));
        }
        all.addAll(c.overrides());
        String rendered = c.render();
        if (!extra.isEmpty()) {
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
            Files.write(ov, all, StandardCharsets.UTF_8);
        }
        return new ResumeConfig(c.config(), rendered, all);
    }
}
