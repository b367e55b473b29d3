package io.mae4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code quickstart [key=value ...]}: generates the synthetic set if absent and pre-trains
 * {@code vit_tiny_p8_64} for a few epochs with k-NN evaluation ({@code experiment=quickstart}).
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = "Generate the synthetic set (first use) and pre-train a tiny ViT MAE on it (a few minutes on 2 cores).")
public class QuickstartCommand extends TrainCommand {

    @Override
    List<String> prefixArgs() {
        List<String> all = new ArrayList<>();
        all.add("experiment=quickstart");
        all.addAll(args);
        return all;
    }
}
