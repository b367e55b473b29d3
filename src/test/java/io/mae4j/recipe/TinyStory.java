package io.mae4j.recipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Overrides of a tiny run (the sizes of train/TinyRuns: 32 px, one encoder block, 4 classes of 8 + 2
 * images) without an experiment choice, so recipes can put their own in front.
 */
public final class TinyStory {

    private TinyStory() {}

    public static List<String> args(Path tmp, String... extra) {
        List<String> a = new ArrayList<>(List.of(
                "model.img_size=32", "model.patch_size=8", "model.embed_dim=32", "model.depth=1",
                "model.num_heads=2", "model.decoder_embed_dim=16", "model.decoder_depth=1",
                "model.decoder_num_heads=2",
                "data.root=" + tmp.resolve("synth"), "data.synth.classes=4", "data.synth.train_per_class=8",
                "data.synth.val_per_class=2", "data.synth.image_size=32", "data.num_workers=1",
                "train.batch_size=4", "train.epochs=2", "train.warmup_epochs=1", "train.lr=3e-3",
                "train.keep_checkpoints=0", "eval.every=1", "eval.batch_size=16", "analysis.every=0",
                "tensorboard.enabled=false", "cache.workers=1", "runs_dir=" + tmp.resolve("runs")));
        a.addAll(List.of(extra));
        return a;
    }
}
