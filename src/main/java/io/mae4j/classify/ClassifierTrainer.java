package io.mae4j.classify;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mae4j.data.BatchLoader;
import io.mae4j.data.HostBatch;
import io.mae4j.tensorboard.SummaryWriter;
import io.mae4j.optim.AdamW;
import io.mae4j.optim.LrSchedule;
import io.mae4j.optim.ParamEntry;
import java.util.List;

/**
 * The optimisation of a classifier ({@code engine_finetune.train_one_epoch}): AdamW (betas 0.9,
 * 0.999, as MAE fine-tuning) on {@link Classifier#trainableParameters()}, warm-up + half-cycle
 * cosine stepped every iteration, layer-wise lr scales for fine-tuning, label-smoothed
 * cross-entropy, then top-1 / top-5 on the validation split. Every iteration runs in its own
 * {@link NDManager} scope. Not thread-safe; close it to free the optimizer state.
 *
 * <p>Linear probe: the frozen encoder's features are computed outside the gradient recording, so
 * only the head is differentiated. Note: MAE's linear probe uses LARS (blr 0.1, batch 16384);
 * here AdamW with weight decay 0 on the head, whose rate needs no layer-wise or batch tricks.
 */
final class ClassifierTrainer implements AutoCloseable {

    /** Summary of one epoch's iterations. */
    record EpochSummary(double meanLoss, double lastLr, double imgPerSec, long globalStep) {}

    /** Validation result. */
    record Evaluation(double loss, double top1, double top5, int images) {}

    private final Classifier clf;
    private final ClassifierSettings settings;
    private final NDManager root;
    private final ParameterStore store;
    private final AdamW optimizer;
    private final LrSchedule schedule;

    private Runnable beforeBackward = () -> { };

    ClassifierTrainer(Classifier clf, ClassifierSettings settings, NDManager root) {
        this.clf = clf;
        this.settings = settings;
        this.root = root;
        this.store = new ParameterStore(root, false);
        List<ParamEntry> entries = settings.kind() == HeadKind.FINETUNE
                ? LayerDecay.entries(clf.trainableParameters(), clf.backbone().config().depth(), settings.layerDecay())
                : ParamEntry.all(clf.trainableParameters());
        this.optimizer = new AdamW(entries, settings.weightDecay(), 0.9, 0.999, AdamW.DEFAULT_EPS);
        this.schedule = new LrSchedule(settings.peakLr(), Math.min(settings.minLr(), settings.peakLr()),
                settings.warmupEpochs(), settings.epochs());
    }

    /** The optimizer's parameter entries (decay groups and lr scales). */
    List<ParamEntry> entries() {
        return optimizer.params();
    }

    /** A copy of the optimizer state (AdamW moments and step count); close it when written. */
    NDList optimizerState() {
        return optimizer.stateDict();
    }

    /** Restores a state written by {@link #optimizerState()} (copied; {@code state} stays the caller's). */
    void loadOptimizerState(NDList state) {
        optimizer.loadStateDict(state);
    }

    /** The learning rate at a fractional epoch. */
    double lrAt(double epochFloat) {
        return schedule.at(epochFloat);
    }

    /**
     * Runs {@code hook} between every forward and its backward. Tests provoke a garbage collection there:
     * nothing the backward reads may be freed by one (see {@link io.mae4j.model.Scalars}).
     */
    void beforeBackward(Runnable hook) {
        this.beforeBackward = hook;
    }

    /**
     * One optimisation step.
     *
     * @param input images (B, C, H, W), or pooled features (B, D) when {@code features}
     * @param labels (B) classes
     * @param features whether {@code input} is already the pooled feature (cached linear probe)
     * @param lr this iteration's learning rate
     * @return the loss before the update
     */
    double step(NDArray input, int[] labels, boolean features, double lr) {
        NDArray x = input;
        if (!features && settings.kind() == HeadKind.LINPROBE) {
            x = clf.features(store, input, null, false); // (B, D), frozen encoder, not recorded
        }
        double loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            boolean pooled = features || settings.kind() == HeadKind.LINPROBE;
            NDArray logits = pooled ? clf.headLogits(store, x, true) : clf.forward(store, x, null, true); // (B, K)
            NDArray l = SmoothedCrossEntropy.loss(logits, labels, settings.smoothing()); // ()
            loss = l.getFloat();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT, "%s loss became %s (lr %.3e);"
                        + " lower %s.blr or raise %s.warmup_epochs", settings.kind().configName(), loss, lr,
                        settings.kind().configName(), settings.kind().configName()));
            }
            beforeBackward.run();
            gc.backward(l);
        }
        optimizer.clipGradNorm(settings.clipGrad());
        optimizer.step(lr);
        optimizer.zeroGrad();
        return loss;
    }

    /** One epoch on augmented images. */
    EpochSummary trainEpoch(int epoch, BatchLoader batches, int iters, long globalStep, SummaryWriter tb, int logEvery) {
        double lossSum = 0;
        double lr = 0;
        long images = 0;
        long start = System.nanoTime();
        int it = 0;
        try (batches) {
            for (; batches.hasNext(); it++) {
                HostBatch b = batches.next();
                lr = schedule.at(epoch + (double) it / iters);
                double loss;
                try (NDManager scope = root.newSubManager()) {
                    loss = step(b.toNDArray(scope), b.labels(), false, lr);
                }
                lossSum += loss;
                images += b.size();
                globalStep++;
                log(tb, logEvery, epoch, it, iters, loss, lr);
            }
        }
        return summary(lossSum, it, lr, images, start, globalStep);
    }

    /** One epoch on cached features, shuffled with the epoch's seeded order, last partial batch dropped. */
    EpochSummary trainEpoch(int epoch, FeatureTable table, long seed, long globalStep, SummaryWriter tb, int logEvery) {
        int bs = settings.batchSize();
        int iters = table.size() / bs;
        int[] order = BatchLoader.epochOrder(table.size(), seed, epoch, true);
        double lossSum = 0;
        double lr = 0;
        long start = System.nanoTime();
        for (int it = 0; it < iters; it++) {
            int[] rows = java.util.Arrays.copyOfRange(order, it * bs, (it + 1) * bs);
            lr = schedule.at(epoch + (double) it / iters);
            double loss;
            try (NDManager scope = root.newSubManager()) {
                loss = step(table.rows(rows, scope), table.labels(rows), true, lr);
            }
            lossSum += loss;
            globalStep++;
            log(tb, logEvery, epoch, it, iters, loss, lr);
        }
        return summary(lossSum, iters, lr, (long) iters * bs, start, globalStep);
    }

    /** Top-1 / top-5 and the plain cross-entropy of the classifier on a split's images (evaluation transform). */
    Evaluation evaluate(BatchLoader val) {
        Tally t = new Tally(clf.classNames().size());
        try (val) {
            while (val.hasNext()) {
                HostBatch b = val.next();
                try (NDManager scope = root.newSubManager()) {
                    t.add(clf.logits(b.toNDArray(scope), null), b.labels());
                }
            }
        }
        return t.result();
    }

    /** The same on cached features (linear probe: the frozen encoder makes them exact). */
    Evaluation evaluate(FeatureTable val) {
        Tally t = new Tally(clf.classNames().size());
        int bs = settings.batchSize();
        for (int start = 0; start < val.size(); start += bs) {
            int[] rows = java.util.stream.IntStream.range(start, Math.min(val.size(), start + bs)).toArray();
            try (NDManager scope = root.newSubManager()) {
                t.add(clf.headLogits(store, val.rows(rows, scope), false), val.labels(rows));
            }
        }
        return t.result();
    }

    /** Sums of hits and losses over evaluation batches. */
    private static final class Tally {
        private final int k;
        private double lossSum;
        private long hits1;
        private long hits5;
        private int n;

        Tally(int k) {
            this.k = k;
        }

        void add(NDArray logits, int[] labels) {
            lossSum += SmoothedCrossEntropy.loss(logits, labels, 0).getFloat() * labels.length;
            float[] z = logits.toFloatArray();
            hits1 += SmoothedCrossEntropy.hits(z, k, labels, 1);
            hits5 += SmoothedCrossEntropy.hits(z, k, labels, 5);
            n += labels.length;
        }

        Evaluation result() {
            return new Evaluation(lossSum / n, hits1 / (double) n, k >= 5 ? hits5 / (double) n : Double.NaN, n);
        }
    }

    private static EpochSummary summary(double lossSum, int iters, double lr, long images, long start, long step) {
        double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
        return new EpochSummary(iters == 0 ? Double.NaN : lossSum / iters, lr, images / seconds, step);
    }

    private static void log(SummaryWriter tb, int logEvery, int epoch, int it, int iters, double loss, double lr) {
        if (tb != null && (it % logEvery == 0 || it == iters - 1)) {
            long x = (long) ((epoch + (double) it / iters) * 1000); // epoch_1000x, as MAE
            tb.addScalar("train/loss", loss, x);
            tb.addScalar("train/lr", lr, x);
        }
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
