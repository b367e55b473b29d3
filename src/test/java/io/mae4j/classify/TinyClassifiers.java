package io.mae4j.classify;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;

/** Tiny classifiers for tests: 32 px, 8 px patches (N = 16), width 32, depth 2, 3 classes. */
final class TinyClassifiers {

    static final MaeConfig CFG = new MaeConfig(32, 8, 3, 32, 2, 2, 4.0, 16, 1, 2, false);
    static final List<String> CLASSES = List.of("ant", "bee", "cat");

    private TinyClassifiers() {}

    /**
     * A seeded classifier whose Linear head weight is redrawn with std 1 (the MAE init of 2e-5 /
     * 0.01 makes logits too small to compare changes in).
     */
    static Classifier create(HeadKind kind, PoolFeature feature, NDManager m) {
        Engine.getInstance().setRandomSeed(7);
        MaeModel model = new MaeModel(CFG);
        model.initialize(m);
        Classifier c = Classifier.create(model, kind, feature, CLASSES, m);
        String w = kind == HeadKind.LINPROBE ? "head.1.weight" : "head.weight";
        NDArray weight = c.head().officialParameters().get(w).getArray();
        float[] v = new float[(int) weight.size()];
        Random r = new Random(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        weight.set(FloatBuffer.wrap(v));
        return c;
    }

    /** Seeded N(0, 1) images (B, 3, 32, 32). */
    static NDArray images(NDManager m, int b, long seed) {
        float[] v = new float[b * 3 * 32 * 32];
        Random r = new Random(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return m.create(v, new Shape(b, 3, 32, 32));
    }

    /** The same rows of patch indices for every image: (B, L) int64. */
    static NDArray keep(NDManager m, int b, long... patches) {
        long[] v = new long[b * patches.length];
        for (int i = 0; i < b; i++) {
            System.arraycopy(patches, 0, v, i * patches.length, patches.length);
        }
        return m.create(v, new Shape(b, patches.length));
    }
}
