package io.mae4j.classify;

import java.util.List;

/**
 * Where a classifier run stood when its {@code last.ckpt} was written ({@code progress.json} of a
 * {@link ClassifierCheckpoint}): what a resumed run needs beyond the weights and the optimizer
 * state. All data randomness is derived from (seed, epoch), so this position is the whole RNG
 * state of the run.
 *
 * @param globalStep iterations done since the start of the run (the lr schedule position)
 * @param bestTop1 best validation top-1 so far (what {@code best.ckpt} holds), −∞ if none yet
 * @param history every finished epoch, in order: the rows of metrics.csv
 */
public record ClassifierProgress(long globalStep, double bestTop1, List<ClassifierEpoch> history) {

    public ClassifierProgress {
        history = List.copyOf(history);
    }

    /** Epochs done (the next epoch to run). */
    public int epochsDone() {
        return history.size();
    }
}
