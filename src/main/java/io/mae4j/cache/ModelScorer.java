package io.mae4j.cache;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import io.mae4j.analysis.AnalysisSettings;
import io.mae4j.analysis.InterrelationAnalyzer;
import io.mae4j.analysis.ProbeImage;
import io.mae4j.analysis.ProbeSet;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.ImageOps;
import io.mae4j.data.ToTensorNormalize;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.sift.Keypoint;
import io.mae4j.sift.KeypointRemap;
import io.mae4j.sift.PatchCounts;
import io.mae4j.run.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import io.mae4j.data.Normalization;

/**
 * The checkpoint / weights scorer: θ̄ from {@link InterrelationAnalyzer} (src/site/markdown/definitions.md "Per-patch
 * score"). Geometry: the <b>whole</b> source image is resized, without crop, to the model's
 * img_size × img_size, so the model's patch grid (g = img_size / patch_size) is the canonical grid
 * over the whole source image — non-square images are squashed for scoring, never cut. The
 * keypoint counts t_j come from the cached (normalised) keypoints mapped onto that grid, so θ̄ and
 * the stored keypoints agree. Analysis settings (γ, include_self, weighted, layers) are part of the
 * fingerprint. Runs the model on the caller thread of {@link #finish}; close it to free the model.
 */
public final class ModelScorer implements Scorer, AutoCloseable {

    private final ModelSource source;
    private final AnalysisSettings analysis;
    private final MaeConfig model;
    private final float[] mean;
    private final float[] std;
    private final String fingerprint;
    private final NDManager manager;
    private final MaeModel loaded;

    private ModelScorer(ModelSource source, NDManager manager) throws IOException {
        this.source = source;
        Config c = source.config();
        this.analysis = AnalysisSettings.from(c.getConfig("analysis"));
        this.model = source.modelConfig();
        this.mean = Normalization.from(c.getConfig("data")).mean();
        this.std = Normalization.from(c.getConfig("data")).std();
        this.fingerprint = fingerprint(source.file(), analysis, model, mean, std);
        this.manager = manager;
        this.loaded = source.load(manager).model();
    }

    /**
     * Loads the model of a run folder, .ckpt or weights file (call {@code EngineSetup.start} first).
     *
     * @param source resolved by {@link ModelSource#resolve}
     * @param device where the model and every scoring array live (the run's selected device)
     */
    public static ModelScorer open(ModelSource source, Device device) throws IOException {
        NDManager m = NDManager.newBaseManager(device);
        try {
            return new ModelScorer(source, m);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Grid side g = img_size / patch_size the cache must use. */
    public int gridSize() {
        return model.imgSize() / model.patchSize();
    }

    @Override
    public String name() {
        String stem = source.file().getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return "model-" + stem.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public Prepared prepare(DecodedImage image, List<Keypoint> normalized, int g) {
        if (g != gridSize()) {
            throw new IllegalArgumentException("cache.grid_size=" + g + " but scorer " + source.file() + " has a "
                    + gridSize() + "x" + gridSize() + " patch grid; set cache.grid_size=" + gridSize());
        }
        int s = model.imgSize();
        DecodedImage resized = ImageOps.cropResize(image, 0, 0, image.width(), image.height(), s, s);
        List<Keypoint> k = KeypointRemap.fromNormalized(normalized, s, s);
        int[] t = PatchCounts.counts(k, s, s, model.patchSize());
        return new Prepared(null, new ProbeImage("", resized, new ToTensorNormalize(mean, std).apply(resized), k, t));
    }

    @Override
    public float[][] finish(List<Prepared> batch) {
        List<ProbeImage> probes = new ArrayList<>(batch.size());
        for (Prepared p : batch) {
            probes.add((ProbeImage) p.input());
        }
        return new InterrelationAnalyzer(analysis)
                .analyze(loaded, new ProbeSet(model.imgSize(), model.patchSize(), probes), manager).thetaBar();
    }

    static String fingerprint(Path file, AnalysisSettings a, MaeConfig m, float[] mean, float[] std)
            throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return String.format(Locale.ROOT, "model %s size=%d sha256=%s img_size=%d patch_size=%d mean=%s std=%s"
                + " analysis(gamma=%s include_self=%s cls=%s weighted=%s layers=%s)", file.toAbsolutePath(),
                Files.size(file), HexFormat.of().formatHex(sha.digest()), m.imgSize(), m.patchSize(),
                Arrays.toString(mean), Arrays.toString(std), a.gamma(), a.includeSelf(), a.clsHandling(),
                a.weighted(), Arrays.toString(a.layers()));
    }


    @Override
    public void close() {
        manager.close();
    }
}
