package io.mae4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mae4j.data.HostBatch;
import io.mae4j.mask.MaskContext;
import io.mae4j.mask.MaskResult;
import io.mae4j.mask.MaskStrategy;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.model.MaeOutput;
import io.mae4j.model.Scalars;
import io.mae4j.data.SeedMix;
import java.util.Iterator;
import io.mae4j.optim.AdamW;
import io.mae4j.optim.LrSchedule;

/**
 * One pre-training epoch, as the official {@code engine_pretrain.train_one_epoch}: the learning
 * rate is set per iteration from the fractional epoch, gradients of {@code accum_iter} iterations
 * are summed (the loss is divided by accum_iter) before one AdamW step. Every iteration runs in
 * its own {@link NDManager} scope, so nothing but parameters and optimizer state outlives it.
 */
public final class EpochRunner {

    /** Receives per-iteration values (progress bar, logs, TensorBoard). */
    public interface IterationListener {
        void onIteration(IterationStats stats);
    }

    /** Summary of one epoch's iterations. */
    record Summary(double meanLoss, double lastLr, double imgPerSec, long globalStep, long optimizerSteps,
            double meanBeta, double meanBetaEffective) {}

    private final MaeModel model;
    private final AdamW optimizer;
    private final MaskStrategy mask;
    private final TrainSettings settings;
    private final LrSchedule schedule;
    private final long seed;
    private final NDManager root;
    private final ParameterStore store;
    private Runnable beforeBackward = () -> { };

    public EpochRunner(MaeModel model, AdamW optimizer, MaskStrategy mask, TrainSettings settings, long seed, NDManager root) {
        this.model = model;
        this.optimizer = optimizer;
        this.mask = mask;
        this.settings = settings;
        this.schedule = new LrSchedule(settings.peakLr(), settings.minLr(), settings.warmupEpochs(), settings.epochs());
        this.seed = seed;
        this.root = root;
        this.store = new ParameterStore(root, false);
    }

    /**
     * Runs {@code hook} between every forward and its backward. Tests provoke a garbage collection there:
     * nothing the backward reads may be freed by one (see {@link Scalars}).
     */
    void beforeBackward(Runnable hook) {
        this.beforeBackward = hook;
    }

    /**
     * Runs the iterations of one epoch.
     *
     * @param epoch 0-based epoch
     * @param batches the epoch's batches, in order
     * @param itersPerEpoch number of batches of a full epoch (the schedule's denominator)
     * @param globalStep iterations done before this epoch
     * @param optimizerSteps optimizer updates done before this epoch
     * @param listener per-iteration callback
     */
    public Summary run(int epoch, Iterator<HostBatch> batches, int itersPerEpoch, long globalStep, long optimizerSteps,
            IterationListener listener) {
        MaeConfig cfg = model.config();
        int accum = settings.accumIter();
        double lossSum = 0;
        double betaSum = 0;
        double betaEffSum = 0;
        int betaCount = 0;
        double lr = schedule.at(epoch);
        long images = 0;
        long start = System.nanoTime();
        int it = 0;
        for (; batches.hasNext(); it++) {
            HostBatch batch = batches.next();
            if (it % accum == 0) {
                lr = schedule.at(epoch + (double) it / itersPerEpoch);
            }
            double loss;
            float[] perSample;
            double gradNorm = Double.NaN;
            MaskResult m;
            try (NDManager step = root.newSubManager()) {
                NDArray imgs = batch.toNDArray(step); // (B, C, H, W)
                MaskContext ctx = new MaskContext(batch.size(), cfg.gridSize(), cfg.gridSize(), epoch, globalStep,
                        SeedMix.mix(seed, 0x6d61736bL, globalStep), batch.geometries(), batch.paths());
                m = mask.sample(ctx, step);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    MaeOutput out = model.forwardMae(store, imgs, m.idsShuffle(), m.idsRestore(), m.mask(),
                            m.lenKeep(), true);
                    // One host read per iteration, on purpose: the divergence check below must stop the run
                    // before a non-finite loss reaches the backward and the weights, and the per-sample losses
                    // feed the loss histogram. On a GPU this is one synchronisation per step (a few bytes;
                    // the step's kernels are queued by then): see src/site/markdown/gpu.md.
                    loss = out.loss().getFloat(); // ()
                    perSample = out.perSampleLoss().toFloatArray(); // (B)
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(epoch, globalStep, loss, lr);
                    }
                    // the summed gradients of accum_iter iterations make one mean: Scalars, not .div(accum)
                    NDArray objective = accum == 1 ? out.loss() : Scalars.div(out.loss(), accum); // ()
                    beforeBackward.run();
                    gc.backward(objective);
                }
                if ((it + 1) % accum == 0) {
                    gradNorm = optimizer.clipGradNorm(settings.clipGrad());
                    optimizer.step(lr);
                    optimizer.zeroGrad();
                    optimizerSteps++;
                }
            }
            lossSum += loss;
            Double beta = m.scalars().get("mask/beta");
            if (beta != null) {
                betaSum += beta;
                betaEffSum += m.scalars().getOrDefault("mask/beta_effective", Double.NaN);
                betaCount++;
            }
            images += batch.size();
            globalStep++;
            double elapsed = (System.nanoTime() - start) / 1e9;
            int n = cfg.numPatches();
            listener.onIteration(new IterationStats(epoch, globalStep, it, itersPerEpoch, loss, lr, gradNorm,
                    images / elapsed, perSample, (n - m.lenKeep()) / (double) n, m.scalars()));
        }
        if (it % accum != 0) {
            // a trailing partial accumulation window: drop its gradients, as the official loop would
            optimizer.zeroGrad();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Summary(it == 0 ? Double.NaN : lossSum / it, lr, images / Math.max(seconds, 1e-9), globalStep,
                optimizerSteps, betaCount == 0 ? Double.NaN : betaSum / betaCount,
                betaCount == 0 ? Double.NaN : betaEffSum / betaCount);
    }
}
