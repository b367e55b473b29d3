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
import ai.djl.nn.core.Linear;
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
 * The MAE decoder ({@code forward_decoder}): decoder_embed (D → Dd), one shared mask token for
 * each removed patch, un-shuffle into patch order with {@code ids_restore}, CLS re-attached, fixed
 * sin-cos position embedding, transformer blocks, decoder_norm, decoder_pred (Dd → P·P·C), CLS
 * dropped.
 */
public final class MaeDecoder extends AbstractBlock {

    private final MaeConfig cfg;
    private final Linear embed;
    private final Parameter maskToken;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;
    private final Linear pred;
    private NDArray posEmbed; // (1, N+1, Dd)

    /** @param cfg model shape */
    public MaeDecoder(MaeConfig cfg) {
        this.cfg = cfg;
        embed = addChildBlock("decoder_embed", Layers.linear(cfg.decoderEmbedDim()));
        maskToken = addParameter(Parameter.builder()
                .setName("mask_token")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, 1, cfg.decoderEmbedDim()))
                .optInitializer(new NormalInitializer(0.02f))
                .build());
        for (int i = 0; i < cfg.decoderDepth(); i++) {
            blocks.add(addChildBlock("block" + i,
                    new TransformerBlock(cfg.decoderEmbedDim(), cfg.decoderNumHeads(), cfg.mlpRatio())));
        }
        norm = addChildBlock("decoder_norm", Layers.layerNorm());
        pred = addChildBlock("decoder_pred", Layers.linear(cfg.patchDim()));
    }

    /**
     * @param ps parameter store
     * @param latent encoder output (B, 1+L, D), CLS first, visible patches in {@code ids_shuffle} order
     * @param idsRestore (B, N) int64, the inverse of {@code ids_shuffle}
     * @param training training mode
     * @return the prediction (B, N, P·P·C) in patch order
     */
    public NDArray forward(ParameterStore ps, NDArray latent, NDArray idsRestore, boolean training) {
        NDArray x = embed.forward(ps, new NDList(latent), training).singletonOrThrow(); // (B, 1+L, Dd)
        long b = x.getShape().get(0);
        long visible = x.getShape().get(1) - 1;
        long n = idsRestore.getShape().get(1);
        long dd = cfg.decoderEmbedDim();
        NDArray maskTokens = ps.getValue(maskToken, x.getDevice(), training)
                .broadcast(b, n - visible, dd); // (B, N-L, Dd)
        maskTokens.attach(x.getManager()); // ops on a parameter put their result with the parameter
        NDArray patches = NDArrays.concat(new NDList(x.get(new NDIndex(":, 1:, :")), maskTokens), 1); // (B, N, Dd)
        NDArray index = idsRestore.expandDims(2).broadcast(b, n, dd); // (B, N, Dd)
        patches = patches.gather(index, 1); // (B, N, Dd), un-shuffled into patch order
        x = NDArrays.concat(new NDList(x.get(new NDIndex(":, :1, :")), patches), 1); // (B, 1+N, Dd)
        x = x.add(positionEmbedding()); // (B, 1+N, Dd)
        for (TransformerBlock block : blocks) {
            x = block.forward(ps, x, training, false).head(); // (B, 1+N, Dd)
        }
        x = norm.forward(ps, new NDList(x), training).singletonOrThrow(); // (B, 1+N, Dd)
        x = pred.forward(ps, new NDList(x), training).singletonOrThrow(); // (B, 1+N, K)
        return x.get(new NDIndex(":, 1:, :")); // (B, N, K)
    }

    /** The fixed position table (1, N+1, Dd). */
    public NDArray positionEmbedding() {
        if (posEmbed == null) {
            throw new IllegalStateException("MaeDecoder position table missing: call MaeModel.initialize(manager) "
                    + "(or block.initialize) before the first forward, or load parameters through Model.load");
        }
        return posEmbed;
    }

    /** Official names: mask_token, decoder_embed.*, decoder_blocks.{i}.*, decoder_norm.*, decoder_pred.*. */
    void collectOfficial(Map<String, Parameter> out) {
        out.put("mask_token", maskToken);
        Layers.putWeightBias(out, "decoder_embed", embed);
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).collectOfficial("decoder_blocks." + i, out);
        }
        Layers.putNorm(out, "decoder_norm", norm);
        Layers.putWeightBias(out, "decoder_pred", pred);
    }

    private void buildConstants(NDManager manager) {
        if (posEmbed == null) {
            posEmbed = PosEmbed.create(manager, cfg.decoderEmbedDim(), cfg.gridSize(), true); // (1, N+1, Dd)
        }
    }

    /** {@inheritDoc} Inputs: [latent (B, 1+L, D), idsRestore (B, N)]. */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), cfg.numPatches(), cfg.patchDim())};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embed.initialize(manager, dataType, inputShapes[0]);
        Shape tokens = new Shape(1, cfg.numPatches() + 1L, cfg.decoderEmbedDim());
        for (TransformerBlock block : blocks) {
            block.initialize(manager, dataType, tokens);
        }
        norm.initialize(manager, dataType, tokens);
        pred.initialize(manager, dataType, tokens);
        buildConstants(manager);
    }

    /** {@inheritDoc} */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        super.loadParameters(manager, is);
        buildConstants(manager);
    }
}
