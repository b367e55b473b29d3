package io.mae4j.eval;

import io.mae4j.data.PretrainData;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.typesafe.config.Config;
import io.mae4j.data.BatchLoader;
import io.mae4j.data.DataSettings;
import io.mae4j.data.HostBatch;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.run.ModelSettings;
import io.mae4j.run.RunFolder;
import io.mae4j.util.EngineSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Reference points for the k-NN accuracy of a pre-training run, with the run's own k-NN protocol
 * ({@code eval.*}: memory = training split capped by {@code eval.max_train}, queries = validation
 * split, evaluation transform, k, T):
 * <ul>
 *   <li><b>raw pixels</b>: the normalised input pixels (C·H·W) as the feature;
 *   <li><b>random init</b>: the run's encoder shape with fresh weights ({@code Engine} seed
 *       {@link #RANDOM_INIT_SEED}, as a run with that seed starts), its CLS / mean feature.
 * </ul>
 * Each is computed once and cached in {@code <runs_dir>/baselines/<key>.json}; the key is a SHA-256
 * of everything the number depends on (dataset fingerprint of both splits, image size, mean / std,
 * k-NN settings, and for random init the model config, feature and seed), written into the file.
 */
public final class KnnBaselines {

    /** Seed of the random-init encoder. */
    public static final long RANDOM_INIT_SEED = 0;

    /**
     * One baseline.
     *
     * @param name "raw pixels" or "random init"
     * @param top1 k-NN top-1
     * @param top5 k-NN top-5 (NaN under 5 classes)
     * @param key the cache key
     * @param cached whether it came from the cache
     */
    public record Baseline(String name, double top1, double top5, String key, boolean cached) {}

    private KnnBaselines() {}

    /**
     * Both baselines for a run's config (from the cache when there).
     *
     * @param c a run's resolved config
     */
    public static List<Baseline> of(Config c) throws IOException {
        ai.djl.Device device = EngineSetup.start(c); // runtime.* of the run: threads and device
        MaeConfig mc = ModelSettings.from(c.getConfig("model"));
        EvalSettings es = EvalSettings.from(c.getConfig("eval"));
        if (es.every() <= 0) {
            throw new IllegalArgumentException("baselines need a k-NN split: the config has eval.every = 0");
        }
        Path dir = Path.of(c.getString("runs_dir"), "baselines");
        DataSettings ds = DataSettings.from(c.getConfig("data"));
        try (PretrainData data = PretrainData.open(ds, es.knnSplits(), mc.imgSize(), 0)) {
            String common = String.format(Locale.ROOT, "data=%s|img=%d|mean=%s|std=%s|k=%d|t=%s|max_train=%d|max_val=%d",
                    data.fingerprint(), mc.imgSize(), c.getDoubleList("data.mean"), c.getDoubleList("data.std"), es.k(),
                    es.temperature(), es.maxTrain(), es.maxVal());
            String rawKey = "raw_pixels|" + common;
            String initKey = "random_init|" + common + "|model=" + mc + "|feature=" + es.feature() + "|seed="
                    + RANDOM_INIT_SEED;
            Baseline raw = cached(dir, "raw pixels", rawKey, () -> rawPixels(data, es, device));
            Baseline init = cached(dir, "random init", initKey, () -> randomInit(data, mc, es, device));
            return List.of(raw, init);
        }
    }

    private interface Compute {
        double[] run() throws IOException;
    }

    private static Baseline cached(Path dir, String name, String descriptor, Compute compute) throws IOException {
        String key = RunFolder.sha256(descriptor).substring(0, 16);
        Path file = dir.resolve(key + ".json");
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        if (Files.isRegularFile(file)) {
            try {
                JsonObject o = gson.fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonObject.class);
                if (descriptor.equals(o.get("descriptor").getAsString())) {
                    return new Baseline(name, o.get("top1").getAsDouble(), o.get("top5").getAsDouble(), key, true);
                }
            } catch (RuntimeException e) {
                System.err.println("warning: ignoring unreadable baseline cache " + file + " (" + e.getMessage()
                        + "); recomputing");
            }
        }
        double[] r = compute.run();
        JsonObject o = new JsonObject();
        o.addProperty("baseline", name);
        o.addProperty("top1", r[0]);
        o.addProperty("top5", r[1]);
        o.addProperty("descriptor", descriptor);
        Files.createDirectories(dir);
        Path tmp = dir.resolve(key + ".json.tmp");
        Files.writeString(tmp, gson.toJson(o), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Baseline(name, r[0], r[1], key, false);
    }

    /** k-NN on the normalised pixels; {top1, top5}. */
    static double[] rawPixels(PretrainData data, EvalSettings es, ai.djl.Device device) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray[] tr = pixels(data, data.knnMemory(), es.batchSize(), m);
            NDArray[] va = pixels(data, data.knnQuery(), es.batchSize(), m);
            KnnResult r = new KnnEvaluator(es.k(), es.temperature(), KnnEvaluator.DEFAULT_CHUNK)
                    .evaluate(tr[0], tr[1], va[0], va[1], data.knnMemory().classNames().size());
            return new double[] {r.top1(), r.hasTop5() ? r.top5() : Double.NaN};
        }
    }

    /** {features (n, C·H·W), labels (n)} of a split with the evaluation transform. */
    private static NDArray[] pixels(PretrainData data, ImageFolderDataset split, int batchSize, NDManager m) {
        float[] all = null;
        int[] labels = new int[split.size()];
        int d = 0;
        int row = 0;
        try (BatchLoader loader = data.evalBatches(split, batchSize)) {
            while (loader.hasNext()) {
                HostBatch b = loader.next();
                if (all == null) {
                    d = b.images().length / b.size();
                    all = new float[split.size() * d];
                }
                System.arraycopy(b.images(), 0, all, row * d, b.size() * d);
                System.arraycopy(b.labels(), 0, labels, row, b.size());
                row += b.size();
            }
        }
        return new NDArray[] {m.create(all, new Shape(split.size(), d)), m.create(labels)};
    }

    /** k-NN on a freshly initialised encoder; {top1, top5}. */
    static double[] randomInit(PretrainData data, MaeConfig mc, EvalSettings es, ai.djl.Device device) {
        try (NDManager root = NDManager.newBaseManager(device)) {
            Engine.getInstance().setRandomSeed((int) RANDOM_INIT_SEED);
            MaeModel model = new MaeModel(mc);
            model.initialize(root);
            return new KnnProbe(model, es, root).evaluate(data);
        }
    }
}
