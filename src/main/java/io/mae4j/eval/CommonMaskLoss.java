package io.mae4j.eval;

import io.mae4j.data.PretrainData;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mae4j.data.BatchLoader;
import io.mae4j.data.DataSettings;
import io.mae4j.data.HostBatch;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.data.SeedMix;
import io.mae4j.run.ModelSource;
import io.mae4j.mask.MaskResult;
import io.mae4j.mask.RandomMaskStrategy;
import io.mae4j.model.MaeModel;
import io.mae4j.util.EngineSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The <em>common-mask validation loss</em> of a pre-trained MAE: its reconstruction loss on the
 * validation split (the k-NN query split: {@code data.val_split}, capped by {@code eval.max_val} /
 * {@code data.max_val}; evaluation transform) under fixed uniformly random masks that do not depend
 * on the run. Image {@code i} of the split gets the noise of {@code SplittableRandom(mix(seed, i))}
 * and keeps its {@code round((1 − ratio) · N)} lowest-noise patches (mask 1 = removed, the MAE
 * convention), whatever the batch size or the run's own mask strategy. So every run of a comparison is
 * scored on the same masked patches of the same images, and losses compare across strategies (the
 * training loss does not: guided masks are harder by design). Mean of the per-image losses
 * (each image has the same number of removed patches); the run's own {@code model.norm_pix_loss}.
 */
public final class CommonMaskLoss {

    /** Seed of the common masks unless the caller gives another. */
    public static final long DEFAULT_SEED = 1234;

    private CommonMaskLoss() {}

    /**
     * Scores one checkpoint.
     *
     * @param source the run or checkpoint (its config gives data and model)
     * @param maskRatio removed share of the common masks
     * @param seed seed of the common masks
     * @return mean per-image loss on the removed patches
     */
    public static double score(ModelSource source, double maskRatio, long seed) throws IOException {
        com.typesafe.config.Config c = source.config();
        ai.djl.Device device = EngineSetup.start(c); // runtime.* of the run: threads and device
        try (NDManager root = NDManager.newBaseManager(device)) {
            MaeModel model = source.load(root).model();
            EvalSettings es = EvalSettings.from(c.getConfig("eval"));
            try (PretrainData data = PretrainData.open(DataSettings.from(c.getConfig("data")), es.knnSplits(),
                    model.config().imgSize(), 0)) {
                ImageFolderDataset val = data.knnQuery();
                if (val == null) {
                    throw new IllegalArgumentException("common-mask loss of " + source.file() + ": its config has"
                            + " eval.every = 0, so no validation split is set; it needs data.val_split");
                }
                return score(model, data, val, maskRatio, seed, es.batchSize(), root);
            }
        }
    }

    static double score(MaeModel model, PretrainData data, ImageFolderDataset val, double maskRatio, long seed,
            int batchSize, NDManager root) {
        int n = model.config().numPatches();
        ParameterStore store = new ParameterStore(root, false);
        double sum = 0;
        long images = 0;
        try (BatchLoader loader = data.evalBatches(val, batchSize)) {
            while (loader.hasNext()) {
                HostBatch b = loader.next();
                try (NDManager step = root.newSubManager()) {
                    NDArray imgs = b.toNDArray(step); // (B, C, H, W)
                    MaskResult m = masks(b.indices(), n, maskRatio, seed, step); // mask (B, N), 1 = removed
                    NDArray perImage = model.forwardMae(store, imgs, m.idsShuffle(), m.idsRestore(), m.mask(),
                            m.lenKeep(), false).perSampleLoss(); // (B)
                    for (float v : perImage.toFloatArray()) {
                        sum += v;
                    }
                }
                images += b.size();
            }
        }
        return sum / images;
    }

    /**
     * The common masks of some images of the split.
     *
     * @param indices the images' indices in the split
     * @param n patches per image
     * @return masks (mask (B, N), 1 = removed), attached to {@code m}
     */
    static MaskResult masks(int[] indices, int n, double maskRatio, long seed, NDManager m) {
        try (NDArray noise = m.create(noise(indices, n, seed), new Shape(indices.length, n))) { // (B, N)
            return new RandomMaskStrategy(maskRatio).fromNoise(noise, m);
        }
    }

    /** (B·N) noise, row r from {@code SplittableRandom(mix(seed, indices[r]))}: a pure function of the image. */
    static double[] noise(int[] indices, int n, long seed) {
        double[] out = new double[indices.length * n];
        for (int r = 0; r < indices.length; r++) {
            SplittableRandom rng = new SplittableRandom(SeedMix.mix(seed, 0x636d6c6fL, indices[r]));
            for (int j = 0; j < n; j++) {
                out[r * n + j] = rng.nextDouble();
            }
        }
        return out;
    }

    /** The run folders' {@code checkpoints/} files scored: last.ckpt, and best.ckpt when present. */
    public static List<Path> checkpoints(Path runDir) {
        Path dir = runDir.resolve("checkpoints");
        return java.util.stream.Stream.of("last.ckpt", "best.ckpt").map(dir::resolve)
                .filter(java.nio.file.Files::isRegularFile).toList();
    }
}
