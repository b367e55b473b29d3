package io.mae4j.train;

import io.mae4j.optim.AdamW;
import io.mae4j.run.CheckpointMeta;
import io.mae4j.run.Checkpoints;
import io.mae4j.run.NonFiniteStateException;
import io.mae4j.run.EpochStats;
import io.mae4j.run.RunFolder;
import ai.djl.nn.Parameter;
import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checkpoints of a pre-training run, under {@code checkpoints/}:
 *
 * <ul>
 *   <li>{@code last.ckpt} after every epoch (what {@code --resume} continues from);
 *   <li>{@code epoch-NNNN.ckpt} every {@code train.checkpoint_every} epochs and after the last; only the
 *       newest {@code train.keep_checkpoints} are kept (0 = all), plus the best epoch's, which is never pruned;
 *   <li>{@code best.ckpt}: the best epoch so far, described by {@code best.json}. "Best" is the highest
 *       k-NN top-1 among the evaluated epochs when evaluation is on ({@code eval.every > 0}); when it is
 *       off, the lowest mean training loss (comparable across epochs only while the masking stays the
 *       same: under a guided curriculum the loss rises as masks get harder, so there it favours early
 *       epochs). A resume that switches between the two starts a new best.
 * </ul>
 *
 * <p>No file is ever replaced by one holding NaN or infinite weights ({@link Checkpoints#save} refuses
 * them); every write goes through a temp file and an atomic move.
 */
final class CheckpointKeeper {

    /** The best epoch: {@code metric} is "knn_top1" (higher is better) or "train_loss" (lower is better). */
    record Best(int epoch, String metric, double value) {}

    static final String KNN = "knn_top1";
    static final String LOSS = "train_loss";
    private static final Gson GSON = new Gson();

    private final RunFolder folder;
    private final TrainSettings ts;
    private final String metric;
    private Best best;

    /**
     * @param folder the run folder (its best.json, if any, is read: a resume keeps its best)
     * @param ts checkpoint frequency and retention
     * @param evaluated whether k-NN evaluation is on
     */
    CheckpointKeeper(RunFolder folder, TrainSettings ts, boolean evaluated) throws IOException {
        this.folder = folder;
        this.ts = ts;
        this.metric = evaluated ? KNN : LOSS;
        Path json = bestJson();
        Best found = Files.isRegularFile(json)
                ? GSON.fromJson(Files.readString(json, StandardCharsets.UTF_8), Best.class) : null;
        this.best = found != null && metric.equals(found.metric()) && Files.isRegularFile(bestFile()) ? found : null;
    }

    Path bestFile() {
        return folder.checkpoints().resolve("best.ckpt");
    }

    private Path bestJson() {
        return folder.checkpoints().resolve("best.json");
    }

    /** The best epoch so far, or null before the first one that counts. */
    Best best() {
        return best;
    }

    /**
     * Saves the state after an epoch: last.ckpt, the numbered copy when due, best.ckpt when this epoch
     * is the best; prunes old numbered files.
     *
     * @return a line for train.log when best.ckpt was replaced, else ""
     * @throws NonFiniteStateException when the state is not finite (nothing is written)
     */
    String save(Map<String, Parameter> params, AdamW optimizer, CheckpointMeta meta, EpochStats stats)
            throws IOException {
        try (var state = optimizer.stateDict()) {
            Checkpoints.save(folder.lastCheckpoint(), params, state, meta);
        }
        if (meta.epochsDone() % ts.checkpointEvery() == 0 || meta.epochsDone() == ts.epochs()) {
            copyAtomically(folder.lastCheckpoint(),
                    folder.checkpoints().resolve(String.format(Locale.ROOT, "epoch-%04d.ckpt", meta.epochsDone())));
        }
        String line = "";
        double value = KNN.equals(metric) ? stats.knnTop1() : stats.trainLoss();
        if (Double.isFinite(value) && (best == null
                || (KNN.equals(metric) ? value > best.value() : value < best.value()))) {
            copyAtomically(folder.lastCheckpoint(), bestFile());
            best = new Best(meta.epochsDone(), metric, value);
            writeAtomically(bestJson(), GSON.toJson(best));
            line = String.format(Locale.ROOT, "best.ckpt = epoch %d (%s %.4f)", best.epoch(), metric, value);
        }
        prune();
        return line;
    }

    /** Deletes all but the newest keep_checkpoints numbered files, sparing the best epoch's. */
    private void prune() throws IOException {
        int keep = ts.keepCheckpoints();
        if (keep <= 0) {
            return;
        }
        List<Path> numbered;
        try (var files = Files.list(folder.checkpoints())) {
            numbered = files.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.ckpt")).sorted().toList();
        }
        String bestName = best == null ? "" : String.format(Locale.ROOT, "epoch-%04d.ckpt", best.epoch());
        for (int i = 0; i < numbered.size() - keep; i++) {
            if (!numbered.get(i).getFileName().toString().equals(bestName)) {
                Files.deleteIfExists(numbered.get(i));
            }
        }
    }

    private static void copyAtomically(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        try {
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            move(tmp, to);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write " + to + " (" + e.getMessage() + "); the temporary file was removed"
                    + (Files.exists(to) ? " and the previous " + to.getFileName() + " is intact" : ""), e);
        }
    }

    private static void writeAtomically(Path to, String text) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        move(tmp, to);
    }

    private static void move(Path tmp, Path to) throws IOException {
        try {
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
