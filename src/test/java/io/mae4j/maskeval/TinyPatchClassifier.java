package io.mae4j.maskeval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mae4j.classify.PatchClassifier;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A test classifier: a randomly initialised tiny MAE encoder (32 px images, 8 px patches, N = 16)
 * and a fixed linear map W (K, D), W[k][d] = sin(1 + 3k + 0.7d), applied to the mean of the kept
 * patch tokens. Records every call's {@code keep} and images.
 */
public final class TinyPatchClassifier implements PatchClassifier {

    static final MaeConfig CONFIG = new MaeConfig(32, 8, 3, 16, 2, 2, 2.0, 8, 1, 2, false);

    final List<long[][]> keeps = new ArrayList<>();
    final List<float[]> images = new ArrayList<>();
    private final MaeModel model;
    private final NDArray weightT; // (D, K)
    private final List<String> classes;
    private final ParameterStore ps;

    public TinyPatchClassifier(NDManager manager, List<String> classes) {
        this.model = new MaeModel(CONFIG);
        model.initialize(manager);
        this.classes = List.copyOf(classes);
        int d = CONFIG.embedDim();
        float[] w = new float[d * classes.size()];
        for (int k = 0; k < classes.size(); k++) {
            for (int j = 0; j < d; j++) {
                w[j * classes.size() + k] = (float) Math.sin(1 + 3 * k + 0.7 * j);
            }
        }
        this.weightT = manager.create(w, new Shape(d, classes.size()));
        this.ps = new ParameterStore(manager, false);
    }

    @Override
    public MaeModel backbone() {
        return model;
    }

    @Override
    public List<String> classNames() {
        return classes;
    }

    @Override
    public NDArray logits(NDArray imgs, NDArray keep) {
        images.add(imgs.toFloatArray());
        int n = CONFIG.numPatches();
        NDArray tokens; // (B, 1+L, D)
        if (keep == null) {
            keeps.add(null);
            tokens = model.encode(ps, imgs, false).tokens();
        } else {
            long[] k = keep.toLongArray();
            int b = (int) keep.getShape().get(0);
            int l = (int) keep.getShape().get(1);
            long[][] rows = new long[b][l];
            long[] ids = new long[b * n];
            for (int i = 0; i < b; i++) {
                boolean[] used = new boolean[n];
                for (int j = 0; j < l; j++) {
                    rows[i][j] = k[i * l + j];
                    ids[i * n + j] = k[i * l + j];
                    used[(int) k[i * l + j]] = true;
                }
                int p = l;
                for (int j = 0; j < n; j++) {
                    if (!used[j]) {
                        ids[i * n + p++] = j;
                    }
                }
            }
            keeps.add(rows);
            NDArray idsArr = imgs.getManager().create(ids, new Shape(b, n)); // (B, N) kept first
            tokens = model.encodeMasked(ps, imgs, idsArr, l, false);
        }
        NDArray feat = tokens.get(new NDIndex(":, 1:, :")).mean(new int[] {1}); // (B, D)
        return feat.matMul(weightT); // (B, K)
    }
}
