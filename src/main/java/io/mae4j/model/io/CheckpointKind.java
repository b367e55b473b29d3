package io.mae4j.model.io;

/** What a state dict looks like once its names are normalised (see {@link OfficialNames}). */
public enum CheckpointKind {
    /** Encoder and decoder, like the official {@code mae_visualize_vit_*.pth} or a pre-training checkpoint. */
    MAE_WITH_DECODER("MAE encoder + decoder (like mae_visualize_vit_*.pth or a pre-training checkpoint)"),
    /** Encoder only, like the official {@code mae_pretrain_vit_*.pth} (released for fine-tuning). */
    MAE_ENCODER_ONLY("MAE encoder only (like mae_pretrain_vit_*.pth): the decoder is not in the file"),
    /** A timm / fine-tuned ViT: encoder plus a classification head (the head is skipped). */
    TIMM_CLASSIFIER("ViT classifier (timm / fine-tuned): encoder + head; the head is skipped"),
    /** None of the official ViT names were found. */
    UNKNOWN("no official ViT / MAE names found");

    private final String description;

    CheckpointKind(String description) {
        this.description = description;
    }

    /** One line for reports. */
    public String description() {
        return description;
    }
}
