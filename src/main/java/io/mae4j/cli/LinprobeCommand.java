package io.mae4j.cli;

import io.mae4j.classify.HeadKind;
import picocli.CommandLine.Command;

/** {@code linprobe checkpoint=<run | .ckpt | weights> [model=...] [key=value ...]}. */
@Command(
        name = "linprobe",
        mixinStandardHelpOptions = true,
        description = {
            "Linear probe of a frozen encoder (BatchNorm without affine + Linear on the CLS token or mean patch token).",
            "checkpoint= a run folder (its last checkpoint), a .ckpt in <run>/checkpoints/, or a weights file"
                    + " (.pth/.npz/.safetensors, official MAE or timm names; choose its shape with model=...).",
            "Trains on data.train_split, reports top-1/top-5 on data.val_split; settings in linprobe.* (configs/defaults.conf).",
            "Writes runs/<name>_linprobe/<time>/ with metrics.csv, train.log, TensorBoard events, checkpoints/last.ckpt.",
            "Example: linprobe checkpoint=runs/quickstart/20250101-120000 linprobe.epochs=20 linprobe.cache_features=true"
        })
public class LinprobeCommand extends ClassifierCommand {

    @Override
    HeadKind kind() {
        return HeadKind.LINPROBE;
    }
}
