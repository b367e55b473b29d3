package io.mae4j.train;

import io.mae4j.app.TrainingFigures;
import io.mae4j.config.ComposedConfig;
import io.mae4j.config.ConfigComposer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.mae4j.run.RunFolder;
import io.mae4j.report.AnalysisPlots;

/** Tiny, fast pre-training configurations for tests (32 px, one encoder block, 40 images). */
public final class TinyRuns {

    private TinyRuns() {}

    /** The overrides of a tiny run whose data and runs live under {@code tmp}. */
    public static List<String> args(Path tmp, String... extra) {
        List<String> a = new ArrayList<>();
        a.add("experiment=quickstart");
        a.addAll(sizes(tmp));
        a.add("train.epochs=3");
        a.addAll(List.of(extra));
        return a;
    }

    /**
     * The sizes of a tiny run (model, synthetic data, batch, schedule, runs_dir under {@code tmp}),
     * without an experiment choice or epoch count, for tests in other packages.
     */
    public static List<String> sizes(Path tmp) {
        return List.of(
                "model.img_size=32", "model.patch_size=8", "model.embed_dim=32", "model.depth=1",
                "model.num_heads=2", "model.decoder_embed_dim=16", "model.decoder_depth=1",
                "model.decoder_num_heads=2",
                "data.root=" + tmp.resolve("synth"), "data.synth.classes=4", "data.synth.train_per_class=8",
                "data.synth.val_per_class=2", "data.synth.image_size=32", "data.synth.style=silhouette", "data.num_workers=1",
                "train.batch_size=4", "train.warmup_epochs=1", "train.lr=3e-3",
                "train.keep_checkpoints=0", "eval.every=1", "eval.batch_size=16",
                "runs_dir=" + tmp.resolve("runs"));
    }

    public static ComposedConfig compose(Path tmp, String... extra) {
        return ConfigComposer.locate().compose(args(tmp, extra));
    }

    /** Composes and runs a tiny run in a new run folder. */
    public static Pretrainer.Result run(Path tmp, String... extra) throws IOException {
        ComposedConfig c = compose(tmp, extra);
        RunFolder folder = RunFolder.create(tmp.resolve("runs"), c.experimentName());
        return Pretrainer.run(new Pretrainer.Request(c.config(), c.render(), c.overrides(), folder, false,
                TrainingFigures.ALL));
    }
}
