package io.mae4j.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier on a mae4j encoder: the whole {@link MaeModel} as backbone (the decoder is kept so
 * the model stays what the analysis and weight import expect, but it is never run) and a {@link
 * ClassifierHead}. Feature: the CLS token after the encoder's final norm, or the mean of the kept
 * patch tokens before it ({@link PoolFeature}).
 *
 * <p>Only the tokens of the kept patches enter the encoder; each keeps the position embedding of
 * its own patch index, so dropping patches is the "mask as prompt" of the paper (src/site/markdown/definitions.md).
 *
 * <p>Trainable parameters: linear probe — the Linear head only (the backbone and {@code fc_norm},
 * which stays at weight 1 / bias 0, are frozen, as MAE's probe trains {@code model.head} only); fine-tune — the encoder ({@code cls_token}, {@code patch_embed}, blocks, and the final
 * {@code norm} when the feature is CLS) and the head; the decoder and {@code mask_token} are
 * frozen.
 *
 * <p>Dimension letters: B images, N patches, L kept patches, D width, K classes.
 */
public final class Classifier implements PatchClassifier {

    private final MaeModel backbone;
    private final ClassifierHead head;
    private final List<String> classNames;
    private final ParameterStore store;

    private Classifier(MaeModel backbone, ClassifierHead head, List<String> classNames, NDManager manager) {
        this.backbone = backbone;
        this.head = head;
        this.classNames = List.copyOf(classNames);
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Puts a freshly initialised head on an initialised backbone and freezes what does not train.
     * Seed the engine RNG first ({@code Engine.getInstance().setRandomSeed}) for a reproducible head.
     *
     * @param backbone the MAE model, initialised (weights loaded)
     * @param kind linear probe or fine-tune
     * @param feature CLS token or mean of patch tokens
     * @param classNames class names in label order
     * @param manager where the head lives (the backbone's manager)
     */
    public static Classifier create(MaeModel backbone, HeadKind kind, PoolFeature feature, List<String> classNames,
            NDManager manager) {
        ClassifierHead head = new ClassifierHead(kind, feature, backbone.config().embedDim(), classNames.size());
        head.initialize(manager, DataType.FLOAT32, new Shape(1, backbone.config().embedDim()));
        Classifier c = new Classifier(backbone, head, classNames, manager);
        Map<String, Parameter> trainable = c.trainableParameters();
        backbone.officialParameters().forEach((name, p) -> p.freeze(!trainable.containsKey(name)));
        head.officialParameters().forEach((name, p) -> p.freeze(!trainable.containsKey(name)));
        return c;
    }

    @Override
    public MaeModel backbone() {
        return backbone;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    /** The head (kind, feature, parameters, BatchNorm statistics). */
    public ClassifierHead head() {
        return head;
    }

    /** The recipe. */
    public HeadKind kind() {
        return head.kind();
    }

    /** The pooled feature. */
    public PoolFeature feature() {
        return head.feature();
    }

    /**
     * Everything a classifier checkpoint holds, by official name: the encoder ({@code cls_token},
     * {@code patch_embed.proj.*}, {@code blocks.*}, {@code norm.*}) then the head.
     */
    public LinkedHashMap<String, Parameter> officialParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        backbone.officialParameters().forEach((name, p) -> {
            if (isEncoderName(name)) {
                out.put(name, p);
            }
        });
        out.putAll(head.officialParameters());
        return out;
    }

    /** The parameters the recipe trains, by official name, in {@link #officialParameters()} order. */
    public LinkedHashMap<String, Parameter> trainableParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        boolean finetune = kind() == HeadKind.FINETUNE;
        officialParameters().forEach((name, p) -> {
            boolean linear = name.startsWith("head."); // MAE's probe trains model.head only (not fc_norm)
            boolean unusedNorm = name.startsWith("norm.") && feature() == PoolFeature.MEAN;
            if (linear || (finetune && !unusedNorm)) {
                out.put(name, p);
            }
        });
        return out;
    }

    /**
     * Pooled features (B, D), the head's input (before {@code fc_norm}). No scoping: results live
     * in the images' manager with the intermediates.
     *
     * @param ps parameter store
     * @param imgs (B, C, H, W) normalised images
     * @param keep (B, L) int64 patch indices, or null = all patches
     * @param training training mode of the encoder
     */
    public NDArray features(ParameterStore ps, NDArray imgs, NDArray keep, boolean training) {
        boolean cls = feature() == PoolFeature.CLS;
        NDArray tokens = backbone.encoder().forwardKept(ps, imgs, keep, training, cls); // (B, 1+L, D)
        return cls ? tokens.get(new NDIndex(":, 0, :")) // (B, D)
                : tokens.get(new NDIndex(":, 1:, :")).mean(new int[] {1}); // (B, D) mean over kept tokens
    }

    /** The head on pooled features: (B, D) → (B, K). */
    public NDArray headLogits(ParameterStore ps, NDArray features, boolean training) {
        return head.forward(ps, new NDList(features), training).singletonOrThrow();
    }

    /** Encoder, pooling and head without scoping (training loops open their own scope): (B, K). */
    public NDArray forward(ParameterStore ps, NDArray imgs, NDArray keep, boolean training) {
        return headLogits(ps, features(ps, imgs, keep, training), training);
    }

    @Override
    public NDArray logits(NDArray imgs, NDArray keep) {
        checkKeep(imgs, keep);
        NDManager caller = imgs.getManager();
        try (NDManager scope = caller.newSubManager()) {
            imgs.tempAttach(scope);
            if (keep != null && keep != imgs) {
                keep.tempAttach(scope);
            }
            NDArray out = forward(store, imgs, keep, false); // (B, K)
            out.attach(caller);
            return out;
        }
    }

    private void checkKeep(NDArray imgs, NDArray keep) {
        if (keep == null) {
            return;
        }
        MaeConfig cfg = backbone.config();
        Shape s = keep.getShape();
        long b = imgs.getShape().get(0);
        if (keep.getDataType() != DataType.INT64 || s.dimension() != 2 || s.get(0) != b || s.get(1) < 1
                || s.get(1) > cfg.numPatches()) {
            throw new IllegalArgumentException("keep must be int64 (B, L) with B = " + b + " and 1 ≤ L ≤ N = "
                    + cfg.numPatches() + ", got " + keep.getDataType() + " " + s);
        }
        try (NDArray min = keep.min(); NDArray max = keep.max()) {
            long lo = min.getLong();
            long hi = max.getLong();
            if (lo < 0 || hi >= cfg.numPatches()) {
                throw new IllegalArgumentException("keep holds patch indices outside [0, " + cfg.numPatches() + "): ["
                        + lo + ", " + hi + "]");
            }
        }
    }

    /** Whether an official MAE name belongs to the encoder (not the decoder or the mask token). */
    static boolean isEncoderName(String name) {
        return name.equals("cls_token") || name.startsWith("patch_embed.") || name.startsWith("blocks.")
                || name.startsWith("norm.");
    }
}
