package io.mae4j.bench;

import io.mae4j.model.MaeConfig;

/**
 * Matrix-multiply FLOPs of one MAE image (a multiply-add counts 2), the measure the official
 * figures use: ViT-B/16 with decoder 512×8 at mask 0.75 ≈ 19.6 GFLOP forward, ≈ 3× that to train.
 */
public final class Flops {

    private Flops() {}

    /** One transformer block on T tokens of width D with MLP ratio r: qkv, scores, mix, proj, MLP. */
    static double block(double t, double d, double ratio) {
        return 2 * t * d * 3 * d + 2 * t * t * d * 2 + 2 * t * d * d + 2 * 2 * t * d * ratio * d;
    }

    /** Forward FLOPs of one image through the MAE (encoder on the visible patches, decoder on all). */
    public static double maeForward(MaeConfig c, int lenKeep) {
        double n = c.numPatches();
        double patchDim = c.patchDim();
        double enc = 2 * n * patchDim * c.embedDim(); // patch embedding runs on every patch
        enc += c.depth() * block(lenKeep + 1, c.embedDim(), c.mlpRatio());
        double dec = 2 * (lenKeep + 1.0) * c.embedDim() * c.decoderEmbedDim();
        dec += c.decoderDepth() * block(n + 1, c.decoderEmbedDim(), c.mlpRatio());
        dec += 2 * (n + 1) * c.decoderEmbedDim() * patchDim;
        return enc + dec;
    }

    /** Training FLOPs of one image: forward + backward (≈ 2× forward). */
    public static double maeTrain(MaeConfig c, int lenKeep) {
        return 3 * maeForward(c, lenKeep);
    }
}
