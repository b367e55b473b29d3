package io.mae4j.cli;

import io.mae4j.app.QuickstartStory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code quickstart [key=value ...]}: generates the synthetic set if absent, pre-trains
 * {@code vit_tiny_p8_64} with random masking ({@code experiment=quickstart}), scores the θ cache with
 * that run, pre-trains again with guided curriculum masking ({@code experiment=quickstart_guided}) and
 * compares the two (see {@link QuickstartStory}). The arguments apply to both runs.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = {
            "Random vs guided masking on the generated set, end to end (under 10 minutes on 2 cores): a tiny ViT MAE"
                    + " with random masking, the θ score cache scored by it, the same MAE with guided curriculum"
                    + " masking, and the comparison report.",
            "Arguments (group=choice, key=value) apply to both runs, e.g. quickstart train.epochs=10 seed=1"
        })
public class QuickstartCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "group=choice or key=value, for both runs")
    List<String> args = new ArrayList<>();

    /** What the last call made (for tests). */
    QuickstartStory.Result result;

    @Override
    public Integer call() throws Exception {
        result = QuickstartStory.run(args, System.out);
        return 0;
    }
}
