package io.mae4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mae4j.util.EngineSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Shared tiny configurations and helpers of the model tests. */
final class TestSupport {

    /** The shape of the official-equivalence fixture (see src/test/python/make_mae_fixture.py). */
    static final MaeConfig FIXTURE_CFG = new MaeConfig(32, 8, 3, 32, 2, 2, 4.0, 16, 1, 2, false);

    /** A tiny model: 16×16 images, patch 4 (N = 16), width 16, two blocks. */
    static final MaeConfig TINY = new MaeConfig(16, 4, 3, 16, 2, 2, 2.0, 8, 1, 2, false);

    private TestSupport() {}

    static void startEngine() {
        EngineSetup.start(2, 1);
    }

    /** A freshly initialised model with a fixed seed. */
    static MaeModel model(MaeConfig cfg, NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        MaeModel model = new MaeModel(cfg);
        model.initialize(manager);
        return model;
    }

    /** The fixture arrays, by name. */
    static NDList fixture(NDManager manager) {
        try (InputStream in = TestSupport.class.getResourceAsStream("/fixtures/mae_tiny.npz")) {
            if (in == null) {
                throw new IllegalStateException("fixtures/mae_tiny.npz missing; run src/test/python/make_mae_fixture.py");
            }
            return NDList.decode(manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A random MAE mask as in {@code random_masking}: ids_shuffle = argsort(noise), ids_restore =
     * argsort(ids_shuffle), mask 1 on the N − lenKeep removed patches.
     *
     * @return [idsShuffle, idsRestore, mask]
     */
    static NDList randomMask(NDManager manager, int batch, int n, int lenKeep) {
        NDArray noise = manager.randomUniform(0f, 1f, new Shape(batch, n));
        NDArray idsShuffle = noise.argSort(1).toType(DataType.INT64, false);
        return fromShuffle(manager, idsShuffle, lenKeep);
    }

    /** [idsShuffle, idsRestore, mask] for a given shuffle. */
    static NDList fromShuffle(NDManager manager, NDArray idsShuffle, int lenKeep) {
        NDArray idsRestore = idsShuffle.argSort(1).toType(DataType.INT64, false);
        long b = idsShuffle.getShape().get(0);
        long n = idsShuffle.getShape().get(1);
        float[] m = new float[(int) (b * n)];
        long[] shuffle = idsShuffle.toLongArray();
        for (int i = 0; i < b; i++) {
            for (int k = lenKeep; k < n; k++) {
                m[(int) (i * n + shuffle[(int) (i * n + k)])] = 1f;
            }
        }
        return new NDList(idsShuffle, idsRestore, manager.create(m, new Shape(b, n)));
    }

    static float maxAbsDiff(NDArray a, NDArray b) {
        return a.toType(DataType.FLOAT32, false).sub(b.toType(DataType.FLOAT32, false)).abs().max().getFloat();
    }
}
