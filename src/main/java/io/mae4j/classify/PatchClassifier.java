package io.mae4j.classify;

import ai.djl.ndarray.NDArray;
import io.mae4j.model.MaeModel;
import java.util.List;

/**
 * A classifier on a mae4j ViT encoder whose patch tokens can be dropped at inference ("mask as
 * prompt", src/site/markdown/definitions.md "Top/Bottom masking"). Implementations run in inference mode (no dropout, no
 * gradient) and hold their own parameter store.
 */
public interface PatchClassifier {

    /**
     * The MAE model whose encoder the classifier runs; its attention gives the per-patch score θ̄
     * ({@link io.mae4j.analysis.InterrelationAnalyzer#analyze}). The decoder is not used.
     */
    MaeModel backbone();

    /** Class names in label order (label k = {@code classNames().get(k)}). */
    List<String> classNames();

    /**
     * Class logits.
     *
     * @param imgs normalised images (B, C, H, W), H = W = model img_size
     * @param keep patch indices j (patch order, 0 ≤ j &lt; N) of the tokens the encoder sees, (B, L)
     *     int64, the same L for every image; {@code null} = all N patches
     * @return (B, K) logits, attached to the manager of {@code imgs}
     */
    NDArray logits(NDArray imgs, NDArray keep);
}
