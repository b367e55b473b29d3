package io.mae4j.train;

import io.mae4j.run.NonFiniteStateException;
import io.mae4j.run.RunFolder;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records in train.log why a run's training stopped: "run finished", or "run stopped:" with the
 * reason (diverged, non-finite weights, interrupted, error) and the epoch of the last checkpoint.
 * An interrupt (Ctrl-C, SIGTERM) is caught by a JVM shutdown hook; a kill -9 cannot be recorded.
 */
final class StopLog {

    /** The training body; it updates {@code epochsDone} after every checkpoint. */
    @FunctionalInterface
    interface Body {
        void run(AtomicInteger epochsDone) throws IOException;
    }

    private StopLog() {}

    /**
     * Runs {@code body}, then logs how it ended.
     *
     * @param folder where train.log is
     * @param epochsDone the epochs checkpointed before the body starts
     */
    static void watch(RunFolder folder, int epochsDone, Body body) throws IOException {
        AtomicInteger done = new AtomicInteger(epochsDone);
        AtomicBoolean ended = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (ended.compareAndSet(false, true)) {
                quietLog(folder, "run stopped: interrupted (the process was asked to exit) " + kept(done.get())
                        + "; continue with: train --resume " + folder.dir());
            }
        }, "mae4j-stop-log");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            body.run(done);
            if (ended.compareAndSet(false, true)) {
                folder.log("run finished after epoch " + done.get());
            }
        } catch (IOException | RuntimeException | Error e) {
            if (ended.compareAndSet(false, true)) {
                quietLog(folder, "run stopped: " + reason(e) + " " + kept(done.get()));
            }
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs (and finds the run already ended)
            }
        }
    }

    /** "diverged: …", "non-finite weights: …" or "error: …". */
    static String reason(Throwable e) {
        if (e instanceof TrainingDivergedException) {
            return "diverged: " + e.getMessage();
        }
        if (e instanceof NonFiniteStateException) {
            return "non-finite weights: " + e.getMessage();
        }
        return "error: " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static String kept(int epochsDone) {
        return epochsDone > 0 ? "(checkpoints/last.ckpt holds epoch " + epochsDone + ")" : "(no checkpoint yet)";
    }

    /** Logging must not hide the original error (a full disk may refuse this line too). */
    private static void quietLog(RunFolder folder, String line) {
        try {
            folder.log(line);
        } catch (IOException ignored) {
            // nothing more can be done: the console has the error
        }
    }
}
