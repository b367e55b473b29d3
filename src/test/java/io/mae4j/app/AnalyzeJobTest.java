package io.mae4j.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mae4j.cli.Main;
import io.mae4j.config.ComposedConfig;
import io.mae4j.config.ConfigComposer;
import io.mae4j.model.MaeModel;
import io.mae4j.model.io.WeightExporter;
import io.mae4j.run.CheckpointMeta;
import io.mae4j.run.Checkpoints;
import io.mae4j.run.ModelSettings;
import io.mae4j.run.RunFolder;
import io.mae4j.util.EngineSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} end to end on the tiny preset: a run folder (config.conf + last.ckpt written by
 * hand, synthetic validation images), a .ckpt inside it, and an exported .npz weights file with
 * {@code model=}; the output folder, report and plots land where the command says.
 */
class AnalyzeJobTest {

    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void makeRun() throws Exception {
        run = makeRun(tmp);
    }

    /** A run folder holding a random tiny model's checkpoint and a tiny synthetic data set. */
    static Path makeRun(Path tmp) throws Exception {
        EngineSetup.start(2, 1);
        List<String> args = List.of("model=vit_tiny_p8_64", "data.root=" + tmp.resolve("synth"),
                "data.synth.classes=2", "data.synth.train_per_class=1", "data.synth.val_per_class=3",
                "analysis.num_images=5");
        ComposedConfig c = ConfigComposer.locate().compose(args);
        RunFolder run = RunFolder.at(tmp.resolve("runs/exp/run1"));
        run.writeProvenance(c.render(), args, 0, "none");
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            MaeModel model = new MaeModel(ModelSettings.from(c.config().getConfig("model")));
            model.initialize(m);
            NDList optim = new NDList(m.zeros(new ai.djl.ndarray.types.Shape(1)));
            optim.get(0).setName("step");
            Checkpoints.save(run.lastCheckpoint(), model.officialParameters(), optim,
                    new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, 3, 30, 30, 0, "x", 1.0));
            WeightExporter.export(model.officialParameters(), Map.of("pos_embed", model.positionEmbedding(),
                    "decoder_pos_embed", model.decoderPositionEmbedding()), tmp.resolve("tiny.npz"));
        }
        return run.dir();
    }

    @Test
    @Tag("slow")
    void runFolderCheckpointAndWeightsFile() throws Exception {
        AnalyzeJob.Result r = AnalyzeJob.run(new AnalyzeJob.Request(run, null, null, null,
                List.of("analysis.gamma=1.2")));
        assertEquals(run.resolve("analysis/last_val"), r.dir());
        assertEquals(5, r.result().numImages(), "analysis.num_images from the run's config");
        assertEquals(1.2, r.result().settings().gamma());
        String first = r.result().imageNames().get(0).replaceFirst("\\.[^.]+$", "");
        for (String f : List.of("report.json", "per_layer.csv", "per_head.csv", "theta_bar.csv", "theta_layers.png",
                "focus_layers.png", "stages.png", "heatmaps.png", "sift/00_" + first + ".png")) {
            assertTrue(Files.size(r.dir().resolve(f)) > 0, f);
        }
        try (var s = Files.list(r.dir().resolve("sift"))) {
            assertEquals(4, s.count());
        }
        JsonObject json = JsonParser.parseString(Files.readString(r.dir().resolve("report.json"))).getAsJsonObject();
        assertEquals("run", json.get("source").getAsString());
        assertEquals("vit_tiny_p8_64", json.get("model").getAsString());
        assertTrue(json.get("loaded").getAsString().contains("after epoch 3"));
        assertEquals(6, json.getAsJsonArray("per_layer").size());
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("stages: Retrieval 1-2")), r.summary().toString());

        // the .ckpt inside the run, through the command line, with an explicit output folder
        Path out = tmp.resolve("custom");
        assertEquals(0, Main.execute("analyze", "checkpoint=" + run.resolve("checkpoints/last.ckpt"),
                "images=" + tmp.resolve("synth/val"), "analysis.num_images=2", "--out", out.toString()));
        assertTrue(Files.exists(out.resolve("report.json")));

        // a weights file: the shape comes from model=, the output from the working directory
        AnalyzeJob.Result w = AnalyzeJob.run(new AnalyzeJob.Request(tmp.resolve("tiny.npz"),
                Path.of("src/test/resources/photos").toString(), "w", tmp.resolve("w"), List.of("model=vit_tiny_p8_64")));
        assertEquals(1, w.result().numImages(), "the photos folder holds one image");
        JsonObject wj = JsonParser.parseString(Files.readString(w.dir().resolve("report.json"))).getAsJsonObject();
        assertEquals("weights", wj.get("source").getAsString());
        // same weights, same image set -> same numbers as the run's checkpoint on that image
        AnalyzeJob.Result again = AnalyzeJob.run(new AnalyzeJob.Request(run, Path.of("src/test/resources/photos")
                .toString(), null, tmp.resolve("again"), List.of()));
        assertEquals(again.result().layers().get(2).kk().mean(), w.result().layers().get(2).kk().mean(), 1e-6);
    }

    @Test
    void clearErrors() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnalyzeJob.run(
                new AnalyzeJob.Request(run, null, null, null, List.of("model=vit_b16"))));
        assertTrue(e.getMessage().contains("config.conf"), e.getMessage());
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "x");
        assertThrows(IllegalArgumentException.class, () -> AnalyzeJob.run(
                new AnalyzeJob.Request(notes, null, null, null, List.of())));
        Path stray = Files.copy(run.resolve("checkpoints/last.ckpt"), tmp.resolve("stray.ckpt"));
        Exception io = assertThrows(java.io.IOException.class, () -> AnalyzeJob.run(
                new AnalyzeJob.Request(stray, null, null, null, List.of())));
        assertTrue(io.getMessage().contains("weights export"), io.getMessage());
        assertEquals(2, Main.execute("analyze", "images=val"), "checkpoint= is required");
    }
}
