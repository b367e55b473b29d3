package io.mae4j.cli;

import io.mae4j.classify.HeadKind;
import picocli.CommandLine.Command;

/** {@code finetune checkpoint=<run | .ckpt | weights> [model=...] [key=value ...]}. */
@Command(
        name = "finetune",
        mixinStandardHelpOptions = true,
        description = {
            "Fine-tune the whole encoder with a Linear head (MAE recipe: layer-wise lr decay, label smoothing,"
                    + " mean-pooled patch tokens + fc_norm).",
            "checkpoint= a run folder (its last checkpoint), a .ckpt in <run>/checkpoints/, or a weights file"
                    + " (.pth/.npz/.safetensors, official MAE or timm names; choose its shape with model=...).",
            "Trains on data.train_split, reports top-1/top-5 on data.val_split; settings in finetune.* (configs/defaults.conf).",
            "Writes runs/<name>_finetune/<time>/ with metrics.csv, train.log, TensorBoard events, checkpoints/last.ckpt.",
            "Example: finetune checkpoint=runs/quickstart/20250101-120000 finetune.epochs=20 finetune.layer_decay=0.65"
        })
public class FinetuneCommand extends ClassifierCommand {

    @Override
    HeadKind kind() {
        return HeadKind.FINETUNE;
    }
}
