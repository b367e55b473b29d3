package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * Masked autoencoder with a ViT backbone ({@code MaskedAutoencoderViT} of the official MAE):
 * {@link MaeEncoder} on the visible patches, {@link MaeDecoder} on all patches, {@link MaeLoss} on
 * the removed ones. Masks come from outside (see {@code io.mae4j.mask}); convention mask 1 =
 * removed, 0 = kept.
 *
 * <p>Life cycle: {@code new MaeModel(cfg)}, then {@link #initialize(NDManager)} (random weights
 * from the engine RNG; seed it with {@code Engine.getInstance().setRandomSeed}) or {@code
 * Model.load} (which also builds the constant position tables). Official weights can be assigned
 * with {@link OfficialWeights}.
 *
 * <p>Memory: each forward method runs in a sub-manager of the images' manager; its results are
 * attached to the images' manager, its intermediates are freed before it returns.
 */
public final class MaeModel extends AbstractBlock {

    private final MaeConfig cfg;
    private final MaeEncoder encoder;
    private final MaeDecoder decoder;

    /** @param cfg model shape */
    public MaeModel(MaeConfig cfg) {
        this.cfg = cfg;
        this.encoder = addChildBlock("encoder", new MaeEncoder(cfg));
        this.decoder = addChildBlock("decoder", new MaeDecoder(cfg));
    }

    /** The model shape. */
    public MaeConfig config() {
        return cfg;
    }

    /**
     * Initialises every parameter (xavier-uniform Linear / patch-embed weights, zero biases,
     * LayerNorm 1/0, cls and mask tokens N(0, 0.02²)) and the constant position tables.
     *
     * @param manager where parameters and tables live (the model's manager)
     */
    public void initialize(NDManager manager) {
        long n = cfg.numPatches();
        initialize(manager, DataType.FLOAT32,
                new Shape(1, cfg.inChans(), cfg.imgSize(), cfg.imgSize()), new Shape(1, n), new Shape(1, n), new Shape(1, n));
    }

    /**
     * A training forward: encoder on the kept patches, decoder, loss on the removed patches.
     *
     * @param ps parameter store
     * @param imgs (B, C, H, W) normalised images
     * @param idsShuffle (B, N) int64, kept patches first
     * @param idsRestore (B, N) int64, argsort(idsShuffle)
     * @param mask (B, N) float32, 1 = removed
     * @param lenKeep L, kept patches per image, 1 ≤ L < N
     * @param training training mode
     * @return loss, per-sample loss and prediction
     */
    public MaeOutput forwardMae(ParameterStore ps, NDArray imgs, NDArray idsShuffle, NDArray idsRestore,
            NDArray mask, int lenKeep, boolean training) {
        checkMask(imgs, idsShuffle, idsRestore, mask, lenKeep);
        NDList out = scoped(new NDList(imgs, idsShuffle, idsRestore, mask), () -> {
            NDArray latent = encoder.forwardMasked(ps, imgs, idsShuffle, lenKeep, training); // (B, 1+L, D)
            NDArray pred = decoder.forward(ps, latent, idsRestore, training); // (B, N, K)
            NDList loss = MaeLoss.compute(imgs, pred, mask, cfg.patchSize(), cfg.normPixLoss());
            return new NDList(loss.get(0), loss.get(1), pred);
        });
        return new MaeOutput(out.get(0), out.get(1), out.get(2));
    }

    /**
     * The encoder on the kept patches only ({@code forward_encoder}'s latent).
     *
     * @param ps parameter store
     * @param imgs (B, C, H, W)
     * @param idsShuffle (B, N) int64, kept patches first
     * @param lenKeep L, 1 ≤ L ≤ N
     * @param training training mode
     * @return (B, 1+L, D), CLS first, then the kept patches in {@code idsShuffle} order
     */
    public NDArray encodeMasked(ParameterStore ps, NDArray imgs, NDArray idsShuffle, int lenKeep, boolean training) {
        checkIds("idsShuffle", idsShuffle, imgs.getShape().get(0));
        if (lenKeep < 1 || lenKeep > cfg.numPatches()) {
            throw new IllegalArgumentException("lenKeep " + lenKeep + " must be in [1, " + cfg.numPatches() + "]");
        }
        return scoped(new NDList(imgs, idsShuffle),
                () -> new NDList(encoder.forwardMasked(ps, imgs, idsShuffle, lenKeep, training))).head();
    }

    /**
     * The encoder on all N patches (no masking), in inference mode.
     *
     * @param ps parameter store
     * @param imgs (B, C, H, W)
     * @param captureAttention also return each layer's attention probabilities (detached)
     * @return tokens (B, 1+N, D) and, when requested, attention (B, Hd, 1+N, 1+N) per layer
     */
    public EncoderOutput encode(ParameterStore ps, NDArray imgs, boolean captureAttention) {
        NDList out = scoped(new NDList(imgs), () -> encoder.forwardFull(ps, imgs, false, captureAttention));
        return new EncoderOutput(out.head(), new NDList(out.subList(1, out.size())));
    }

    /**
     * Official MAE state-dict names mapped to this model's parameters, in the order of the official
     * {@code state_dict()} (cls_token, mask_token, patch_embed…, blocks…, norm, decoder_embed,
     * decoder_blocks…, decoder_norm, decoder_pred). Shapes are PyTorch's: Linear (out, in), patch
     * embedding (D, C, P, P), cls/mask tokens (1, 1, width), norms (width). The constant tables
     * {@code pos_embed} and {@code decoder_pos_embed} are not parameters; see {@link
     * #positionEmbedding()}.
     */
    public LinkedHashMap<String, Parameter> officialParameters() {
        LinkedHashMap<String, Parameter> enc = new LinkedHashMap<>();
        encoder.collectOfficial(enc);
        LinkedHashMap<String, Parameter> dec = new LinkedHashMap<>();
        decoder.collectOfficial(dec);
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        out.put("cls_token", enc.remove("cls_token"));
        out.put("mask_token", dec.remove("mask_token"));
        out.putAll(enc);
        out.putAll(dec);
        return out;
    }

    /** The encoder's fixed sin-cos table (1, N+1, D), CLS row zero. */
    public NDArray positionEmbedding() {
        return encoder.positionEmbedding();
    }

    /** The decoder's fixed sin-cos table (1, N+1, Dd), CLS row zero. */
    public NDArray decoderPositionEmbedding() {
        return decoder.positionEmbedding();
    }

    /** The encoder block (e.g. for fine-tuning or probing heads). */
    public MaeEncoder encoder() {
        return encoder;
    }

    /** The decoder block. */
    public MaeDecoder decoder() {
        return decoder;
    }

    /**
     * Inputs [imgs, idsShuffle, idsRestore, mask] or [..., lenKeep (int scalar)]; outputs [loss,
     * perSampleLoss, pred]. Without the fifth input, L is read from the first mask row (one small
     * host copy); {@link #forwardMae} avoids it.
     */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 4 && inputs.size() != 5) {
            throw new IllegalArgumentException("MaeModel expects [imgs, idsShuffle, idsRestore, mask(, lenKeep)], got "
                    + inputs.size() + " arrays");
        }
        int lenKeep = inputs.size() == 5 ? (int) inputs.get(4).toType(DataType.INT64, false).getLong()
                : lenKeepFromMask(inputs.get(3));
        MaeOutput out = forwardMae(ps, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3), lenKeep, training);
        return new NDList(out.loss(), out.perSampleLoss(), out.pred());
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(), new Shape(b), new Shape(b, cfg.numPatches(), cfg.patchDim())};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0]);
        decoder.initialize(manager, dataType, new Shape(1, cfg.numPatches() + 1L, cfg.embedDim()));
    }

    /** L = N − Σ mask[0], read on the host. */
    private int lenKeepFromMask(NDArray mask) {
        try (NDManager scope = mask.getManager().newSubManager()) {
            NDArray row = mask.get(0); // (N)
            row.attach(scope);
            NDArray removed = row.sum(); // ()
            return cfg.numPatches() - Math.round(removed.toType(DataType.FLOAT32, false).getFloat());
        }
    }

    private void checkMask(NDArray imgs, NDArray idsShuffle, NDArray idsRestore, NDArray mask, int lenKeep) {
        long b = imgs.getShape().get(0);
        checkIds("idsShuffle", idsShuffle, b);
        checkIds("idsRestore", idsRestore, b);
        if (!mask.getShape().equals(new Shape(b, cfg.numPatches()))) {
            throw new IllegalArgumentException("mask must be (B, N) = (" + b + ", " + cfg.numPatches() + "), got " + mask.getShape());
        }
        if (lenKeep < 1 || lenKeep >= cfg.numPatches()) {
            throw new IllegalArgumentException("lenKeep " + lenKeep + " must be in [1, " + (cfg.numPatches() - 1)
                    + "]: the loss needs at least one removed patch (mask ratio > 0)");
        }
    }

    private void checkIds(String name, NDArray ids, long b) {
        if (ids.getDataType() != DataType.INT64 || !ids.getShape().equals(new Shape(b, cfg.numPatches()))) {
            throw new IllegalArgumentException(name + " must be int64 (B, N) = (" + b + ", " + cfg.numPatches()
                    + "), got " + ids.getDataType() + " " + ids.getShape());
        }
    }

    /** Runs {@code body} with the inputs temporarily in a sub-manager; moves the results out. */
    private static NDList scoped(NDList inputs, Supplier<NDList> body) {
        NDManager caller = inputs.head().getManager();
        try (NDManager scope = caller.newSubManager()) {
            for (NDArray input : inputs) {
                if (input.getManager() != scope) { // the same array may be passed twice
                    input.tempAttach(scope);
                }
            }
            NDList out = body.get();
            out.attach(caller);
            return out;
        }
    }
}
