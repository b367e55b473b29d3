package io.mae4j.model;

/**
 * Shape of a ViT MAE: encoder and decoder sizes. Names follow the official MAE code.
 *
 * @param imgSize input side H = W in pixels
 * @param patchSize P
 * @param inChans C
 * @param embedDim encoder width D
 * @param depth encoder blocks
 * @param numHeads encoder heads
 * @param mlpRatio MLP hidden width / D
 * @param decoderEmbedDim decoder width
 * @param decoderDepth decoder blocks
 * @param decoderNumHeads decoder heads
 * @param normPixLoss normalise each target patch by its own mean and variance
 */
public record MaeConfig(
        int imgSize,
        int patchSize,
        int inChans,
        int embedDim,
        int depth,
        int numHeads,
        double mlpRatio,
        int decoderEmbedDim,
        int decoderDepth,
        int decoderNumHeads,
        boolean normPixLoss) {

    public MaeConfig {
        if (imgSize <= 0 || patchSize <= 0 || imgSize % patchSize != 0) {
            throw new IllegalArgumentException(
                    "model.img_size (" + imgSize + ") must be a positive multiple of model.patch_size (" + patchSize + ")");
        }
        if (embedDim % numHeads != 0) {
            throw new IllegalArgumentException(
                    "model.embed_dim (" + embedDim + ") must be divisible by model.num_heads (" + numHeads + ")");
        }
        if (decoderEmbedDim % decoderNumHeads != 0) {
            throw new IllegalArgumentException("model.decoder_embed_dim (" + decoderEmbedDim
                    + ") must be divisible by model.decoder_num_heads (" + decoderNumHeads + ")");
        }
        if (embedDim % 4 != 0 || decoderEmbedDim % 4 != 0) {
            throw new IllegalArgumentException("2-D sin-cos position embeddings need widths divisible by 4");
        }
    }

    /** h = w = imgSize / patchSize. */
    public int gridSize() {
        return imgSize / patchSize;
    }

    /** N = h · w. */
    public int numPatches() {
        return gridSize() * gridSize();
    }

    /** P · P · C, the length of one flattened patch. */
    public int patchDim() {
        return patchSize * patchSize * inChans;
    }
}
