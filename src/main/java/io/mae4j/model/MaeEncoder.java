package io.mae4j.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MAE ViT encoder ({@code forward_encoder}): patch embedding (Conv2d, kernel = stride = P) +
 * fixed sin-cos position embedding, the visible patches only, a CLS token in front, the
 * transformer blocks and a final LayerNorm.
 *
 * <p>The position table is a constant (not a {@link Parameter}); it is built when the block is
 * initialised or its parameters are loaded.
 */
public final class MaeEncoder extends AbstractBlock {

    private final MaeConfig cfg;
    private final Conv2d patchEmbed;
    private final Parameter clsToken;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;
    private NDArray posEmbed; // (1, N+1, D)
    private NDArray posPatches; // (1, N, D)
    private NDArray posCls; // (1, 1, D)

    /** @param cfg model shape */
    public MaeEncoder(MaeConfig cfg) {
        this.cfg = cfg;
        int p = cfg.patchSize();
        patchEmbed = addChildBlock("patch_embed", Conv2d.builder()
                .setKernelShape(new Shape(p, p))
                .optStride(new Shape(p, p))
                .setFilters(cfg.embedDim())
                .optBias(true)
                .build());
        patchEmbed.setInitializer(new XavierUniform(), Parameter.Type.WEIGHT);
        clsToken = addParameter(Parameter.builder()
                .setName("cls_token")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, 1, cfg.embedDim()))
                .optInitializer(new NormalInitializer(0.02f))
                .build());
        for (int i = 0; i < cfg.depth(); i++) {
            blocks.add(addChildBlock("block" + i, new TransformerBlock(cfg.embedDim(), cfg.numHeads(), cfg.mlpRatio())));
        }
        norm = addChildBlock("norm", Layers.layerNorm());
    }

    /**
     * Patch embedding plus position embedding, all patches in patch order.
     *
     * @param ps parameter store
     * @param imgs (B, C, H, W)
     * @param training training mode
     * @return (B, N, D)
     */
    public NDArray embedPatches(ParameterStore ps, NDArray imgs, boolean training) {
        Shape s = imgs.getShape();
        if (s.dimension() != 4 || s.get(1) != cfg.inChans() || s.get(2) != cfg.imgSize() || s.get(3) != cfg.imgSize()) {
            throw new IllegalArgumentException("the encoder expects images (B, " + cfg.inChans() + ", "
                    + cfg.imgSize() + ", " + cfg.imgSize() + ") (model.in_chans, model.img_size), got " + s);
        }
        NDArray x = patchEmbed.forward(ps, new NDList(imgs), training).singletonOrThrow(); // (B, D, h, w)
        x = x.reshape(s.get(0), cfg.embedDim(), cfg.numPatches()).transpose(0, 2, 1); // (B, N, D)
        return x.add(constants().get(1)); // (B, N, D)
    }

    /**
     * The encoder on the visible patches only.
     *
     * @param ps parameter store
     * @param imgs (B, C, H, W)
     * @param idsShuffle (B, N) int64; columns [0, lenKeep) are the visible patches in encoder order
     * @param lenKeep L, visible patches per image
     * @param training training mode
     * @return the latent (B, 1+L, D) after the final norm, CLS first
     */
    public NDArray forwardMasked(ParameterStore ps, NDArray imgs, NDArray idsShuffle, int lenKeep, boolean training) {
        NDArray idsKeep = idsShuffle.get(new NDIndex(":, :{}", lenKeep)); // (B, L)
        return forwardKept(ps, imgs, idsKeep, training, true);
    }

    /**
     * The encoder on chosen patches, for classifiers: each kept token carries the position
     * embedding of its own patch index, in the order given.
     *
     * @param ps parameter store
     * @param imgs (B, C, H, W)
     * @param keep (B, L) int64 patch indices in [0, N), or null = all N patches in patch order
     * @param training training mode
     * @param finalNorm apply the final LayerNorm (off: the tokens MAE fine-tuning's global pool
     *     averages before its own {@code fc_norm})
     * @return (B, 1+L, D), CLS first
     */
    public NDArray forwardKept(ParameterStore ps, NDArray imgs, NDArray keep, boolean training, boolean finalNorm) {
        NDArray x = embedPatches(ps, imgs, training); // (B, N, D)
        if (keep != null) {
            long b = x.getShape().get(0);
            long l = keep.getShape().get(1);
            NDArray index = keep.expandDims(2).broadcast(b, l, cfg.embedDim()); // (B, L, D)
            x = x.gather(index, 1); // (B, L, D)
        }
        return runBlocks(ps, x, training, false, finalNorm).head();
    }

    /**
     * The encoder on all N patches (no masking), e.g. for analysis or linear probing.
     *
     * @param ps parameter store
     * @param imgs (B, C, H, W)
     * @param training training mode
     * @param capture also return each layer's attention probabilities
     * @return [(B, 1+N, D), then per layer (B, Hd, 1+N, 1+N) when {@code capture}]
     */
    public NDList forwardFull(ParameterStore ps, NDArray imgs, boolean training, boolean capture) {
        return runBlocks(ps, embedPatches(ps, imgs, training), training, capture, true);
    }

    /** Prepends CLS, runs the blocks and (optionally) the final norm: (B, T, D) → [(B, 1+T, D), attn…]. */
    private NDList runBlocks(ParameterStore ps, NDArray x, boolean training, boolean capture, boolean finalNorm) {
        long b = x.getShape().get(0);
        NDArray cls = ps.getValue(clsToken, x.getDevice(), training).add(constants().get(2)); // (1, 1, D)
        cls.attach(x.getManager()); // results of ops on a parameter live with the parameter otherwise
        cls = cls.broadcast(b, 1, cfg.embedDim()); // (B, 1, D)
        x = NDArrays.concat(new NDList(cls, x), 1); // (B, 1+T, D)
        NDList attention = new NDList();
        for (TransformerBlock block : blocks) {
            NDList out = block.forward(ps, x, training, capture);
            x = out.get(0);
            if (capture) {
                attention.add(out.get(1)); // (B, Hd, 1+T, 1+T)
            }
        }
        if (finalNorm) {
            x = norm.forward(ps, new NDList(x), training).singletonOrThrow(); // (B, 1+T, D)
        }
        NDList result = new NDList(x);
        result.addAll(attention);
        return result;
    }

    /** The fixed position table (1, N+1, D). */
    public NDArray positionEmbedding() {
        return constants().get(0);
    }

    private NDList constants() {
        if (posEmbed == null) {
            throw new IllegalStateException("MaeEncoder position table missing: call MaeModel.initialize(manager) "
                    + "(or block.initialize) before the first forward, or load parameters through Model.load");
        }
        return new NDList(posEmbed, posPatches, posCls);
    }

    private void buildConstants(NDManager manager) {
        if (posEmbed == null) {
            posEmbed = PosEmbed.create(manager, cfg.embedDim(), cfg.gridSize(), true); // (1, N+1, D)
            posPatches = posEmbed.get(new NDIndex(":, 1:, :")); // (1, N, D)
            posCls = posEmbed.get(new NDIndex(":, :1, :")); // (1, 1, D)
        }
    }

    /** Official names: cls_token, patch_embed.proj.*, blocks.{i}.*, norm.*. */
    void collectOfficial(Map<String, Parameter> out) {
        out.put("cls_token", clsToken);
        Layers.putWeightBias(out, "patch_embed.proj", patchEmbed);
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).collectOfficial("blocks." + i, out);
        }
        Layers.putNorm(out, "norm", norm);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return forwardFull(ps, inputs.singletonOrThrow(), training, false);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), cfg.numPatches() + 1L, cfg.embedDim())};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        patchEmbed.initialize(manager, dataType, inputShapes[0]);
        Shape tokens = new Shape(1, cfg.numPatches() + 1L, cfg.embedDim());
        for (TransformerBlock block : blocks) {
            block.initialize(manager, dataType, tokens);
        }
        norm.initialize(manager, dataType, tokens);
        buildConstants(manager);
    }

    /** {@inheritDoc} */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        super.loadParameters(manager, is);
        buildConstants(manager);
    }
}
