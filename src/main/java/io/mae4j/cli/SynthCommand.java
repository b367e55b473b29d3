package io.mae4j.cli;

import com.typesafe.config.Config;
import io.mae4j.config.ConfigComposer;
import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code synth [key=value ...]}: writes the deterministic synthetic dataset to {@code data.root}
 * from the {@code data.synth.*} keys (e.g. {@code data.synth.spurious_background=true
 * data.root=datasets/synthetic_spurious}).
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Generate the synthetic image-folder dataset (textured shapes on smooth backgrounds).")
public class SynthCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "key=value overrides of data.root and data.synth.*")
    List<String> args = new ArrayList<>();

    /** Where the set was written (for callers and tests). */
    Path root;

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>();
        all.add("data=synthetic");
        all.addAll(args);
        Config d = ConfigComposer.locate().compose(all).config().getConfig("data");
        SynthSpec spec = SynthSpec.from(d.getConfig("synth"));
        root = Path.of(d.getString("root"));
        boolean made = SyntheticDataset.ensure(root, spec);
        System.out.println((made ? "generated " : "already present, unchanged: ") + root.toAbsolutePath() + "  " + spec);
        return 0;
    }
}
