package io.mae4j.run;

/**
 * Where a run stood when a checkpoint was written. All randomness of a run is derived from
 * (seed, epoch, step, sample index), so this position is the whole RNG state: a resumed run
 * draws the same crops, flips and masks as an uninterrupted one.
 *
 * @param formatVersion checkpoint layout version
 * @param epochsDone completed epochs (the next epoch to run is this value)
 * @param globalStep iterations done since the start of the run
 * @param optimizerSteps optimizer updates done
 * @param seed the run seed
 * @param configDigest SHA-256 of the resolved config that wrote it
 * @param lastLoss mean training loss of the last completed epoch
 */
public record CheckpointMeta(
        int formatVersion,
        int epochsDone,
        long globalStep,
        long optimizerSteps,
        long seed,
        String configDigest,
        double lastLoss) {

    /** Layout version written by this build. */
    public static final int FORMAT_VERSION = 1;
}
