package io.mae4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mae4j.data.CropGeometry;
import io.mae4j.data.HostBatch;
import io.mae4j.mask.MaskStrategy;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import io.mae4j.optim.AdamW;
import io.mae4j.optim.ParamEntry;
import io.mae4j.train.EpochRunner;
import io.mae4j.train.TrainSettings;

/**
 * A model and its optimizer for the benchmarks: the real {@link EpochRunner} step (host→native
 * copy, mask, forward, backward, AdamW) with MAE's recipe (AdamW 0.9 / 0.95, wd 0.05, constant
 * lr 1.5e-4), one step at a time so strategies can be interleaved on the same weights.
 */
public final class BenchHarness implements AutoCloseable {

    private final NDManager root;
    private final MaeModel model;
    private final AdamW optimizer;
    private final TrainSettings settings;
    private long globalStep;

    /** A harness with the AdamW kernel of the default config ({@code train.fused_adamw}). */
    BenchHarness(MaeConfig cfg, int batch) {
        this(cfg, batch, BenchSections.defaultFusedAdamw());
    }

    /** A harness with the fused ({@code true}) or op-by-op AdamW update. */
    BenchHarness(MaeConfig cfg, int batch, boolean fusedAdamw) {
        this.root = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(0);
        this.model = new MaeModel(cfg);
        model.initialize(root);
        this.settings = new TrainSettings(1, batch, 1, 1.5e-4, 1e-4, 0, 0.05, 0, 0, 0.9, 0.95, 1, 1, 0, fusedAdamw);
        this.optimizer = new AdamW(ParamEntry.all(model.officialParameters()), settings.weightDecay(),
                settings.beta1(), settings.beta2(), AdamW.DEFAULT_EPS).fusedUpdate(fusedAdamw);
    }

    MaeConfig config() {
        return model.config();
    }

    AdamW optimizer() {
        return optimizer;
    }

    /** A runner of this model with {@code mask}; runners share weights and optimizer state. */
    EpochRunner runner(MaskStrategy mask) {
        return new EpochRunner(model, optimizer, mask, settings, 0, root);
    }

    /** Runs one step with {@code runner} on {@code batch}; returns its wall time in seconds. */
    double step(EpochRunner runner, HostBatch batch) {
        long t0 = System.nanoTime();
        runner.run(0, List.of(batch).iterator(), 1, globalStep, globalStep, stats -> { });
        globalStep++;
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * A fixed batch of uniform noise in [−1, 1) with the given geometries (whole images when null)
     * and paths {@code img<i>.png}.
     */
    public static HostBatch fixedBatch(MaeConfig cfg, int b, List<CropGeometry> geometries) {
        int side = cfg.imgSize();
        float[] pixels = new float[b * cfg.inChans() * side * side];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        int[] zeros = new int[b];
        List<CropGeometry> geoms = geometries != null ? geometries
                : Collections.nCopies(b, CropGeometry.whole(side, side, side, side));
        List<Path> paths = new java.util.ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            paths.add(Path.of("img" + i + ".png"));
        }
        return new HostBatch(pixels, zeros, zeros, geoms, paths);
    }

    @Override
    public void close() {
        optimizer.close();
        root.close();
    }
}
