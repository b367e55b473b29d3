package io.mae4j.train;

import io.mae4j.app.TrainingFigures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.mae4j.report.AnalysisPlots;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mae4j.config.ComposedConfig;
import io.mae4j.config.ConfigComposer;
import io.mae4j.tensorboard.EventFileReader;
import io.mae4j.tensorboard.HParams;
import io.mae4j.tensorboard.proto.Event;
import io.mae4j.tensorboard.proto.SessionLog;
import io.mae4j.tensorboard.proto.Summary;
import io.mae4j.tensorboard.proto.hparams.HParamsPluginData;
import io.mae4j.tensorboard.proto.hparams.Status;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.mae4j.run.EpochStats;
import io.mae4j.run.RunFolder;

/**
 * The TensorBoard output of real (tiny) training runs: a 32 px ViT with 8 px patches (4x4 grid),
 * width 32, one block, 32 synthetic training images in batches of 8 (4 iterations per epoch) and
 * 8 validation images.
 */
class TensorBoardTrainingTest {

    @TempDir
    Path tmp;

    private List<String> tiny(String... more) {
        List<String> a = new ArrayList<>(List.of("model.img_size=32", "model.patch_size=8", "model.embed_dim=32",
                "model.depth=1", "model.num_heads=2", "model.decoder_embed_dim=16", "model.decoder_depth=1",
                "model.decoder_num_heads=2", "data.root=" + tmp.resolve("synth"), "data.synth.classes=2",
                "data.synth.train_per_class=16", "data.synth.val_per_class=4", "data.synth.image_size=32",
                "data.num_workers=1", "train.epochs=1", "train.batch_size=8", "train.warmup_epochs=0", "eval.knn_k=5",
                "runs_dir=" + tmp.resolve("runs")));
        a.addAll(List.of(more));
        return a;
    }

    private Pretrainer.Result run(List<String> args) throws IOException {
        ComposedConfig c = ConfigComposer.locate().compose(args);
        RunFolder folder = RunFolder.create(tmp.resolve("runs"), "tb");
        return Pretrainer.run(new Pretrainer.Request(c.config(), c.render(), c.overrides(), folder, false,
                TrainingFigures.ALL));
    }

    @Test
    void oneEpochWritesEveryKindOfSummary() throws IOException {
        Pretrainer.Result r = run(tiny("model.norm_pix_loss=true")); // the preview then un-normalises patches
        List<Path> files = EventFileReader.eventFiles(r.runDir());
        assertEquals(1, files.size(), "one event file directly in the run folder");
        List<Event> ev = EventFileReader.read(files.get(0)).events();
        assertEquals("brain.Event:2", ev.get(0).getFileVersion());
        assertEquals(List.of(0L), starts(ev));
        EpochStats epoch = r.history().get(0);

        // per-iteration scalars at epoch_1000x of 4 iterations
        List<Event> loss = withTag(ev, "train/loss");
        assertEquals(List.of(0L, 250L, 500L, 750L), loss.stream().map(Event::getStep).toList());
        double mean = loss.stream().mapToDouble(e -> value(e, "train/loss").getSimpleValue()).average().orElseThrow();
        assertEquals(epoch.trainLoss(), mean, 1e-5); // the logged losses are the training losses
        for (String tag : List.of("train/lr", "train/img_per_s", "train/grad_norm", "mask/ratio")) {
            assertEquals(4, withTag(ev, tag).size(), tag);
        }
        assertEquals(0.75f, value(withTag(ev, "mask/ratio").get(0), "mask/ratio").getSimpleValue()); // 12 of 16 patches

        // per-epoch values at the epoch
        assertEquals(epoch.trainLoss(), scalarAt(ev, "train/epoch_loss", 0), 1e-5); // metrics.csv keeps 6 decimals
        assertEquals(epoch.knnTop1(), scalarAt(ev, "eval/knn_top1", 0), 1e-4); // metrics.csv keeps 4 decimals

        checkReconstruction(value(withTag(ev, "images/reconstruction").get(0), "images/reconstruction"));

        // histograms: weight matrices of block 0 (qkv 96x32, proj 32x32, fc1 128x32, fc2 32x128) and the 32 losses
        Summary.Value block0 = value(withTag(ev, "params/blocks.0").get(0), "params/blocks.0");
        assertEquals(3072 + 1024 + 4096 + 4096, block0.getHisto().getNum());
        assertEquals(30, block0.getHisto().getBucketCount());
        assertTrue(scalarAt(ev, "param_norm/blocks.0", 0) > 0);
        assertEquals(32, value(withTag(ev, "train/loss_per_sample").get(0), "train/loss_per_sample").getHisto().getNum());

        Summary.Value config = value(withTag(ev, "config").get(0), "config");
        assertTrue(config.getTensor().getStringVal(0).toString(StandardCharsets.UTF_8).contains("mask_ratio"));

        HParamsPluginData start = plugin(value(withTag(ev, HParams.SESSION_START_TAG).get(0), HParams.SESSION_START_TAG));
        assertEquals(0.75, start.getSessionStartInfo().getHparamsOrThrow("mask.mask_ratio").getNumberValue());
        assertTrue(start.getSessionStartInfo().getHparamsOrThrow("model.norm_pix_loss").getBoolValue());
        assertEquals(1, start.getSessionStartInfo().getHparamsOrThrow("train.epochs").getNumberValue());
        assertEquals(Status.STATUS_SUCCESS, endStatus(ev));
        assertTrue(Files.readString(r.runDir().resolve("train.log")).contains("tensorboard: "));
    }

    /** Row by row: kept patches pasted back equal the original, removed ones are blank in the masked input. */
    private static void checkReconstruction(Summary.Value v) throws IOException {
        int side = 32;
        assertEquals(5 * side + 4 * 2, v.getImage().getWidth());
        assertEquals(8 * side + 7 * 2, v.getImage().getHeight()); // 8 validation images
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(v.getImage().getEncodedImageString().toByteArray()));
        int kept = 0;
        for (int row = 0; row < 8; row++) {
            int y0 = row * (side + 2);
            for (int patch = 0; patch < 16; patch++) {
                int py = y0 + (patch / 4) * 8;
                int px = (patch % 4) * 8;
                boolean removed = (img.getRGB(4 * (side + 2) + px + 3, py + 3) & 0xff) == 0; // mask column
                for (int dy = 0; dy < 8; dy++) {
                    for (int dx = 0; dx < 8; dx++) {
                        int orig = img.getRGB(px + dx, py + dy);
                        int masked = img.getRGB(side + 2 + px + dx, py + dy);
                        int pasted = img.getRGB(3 * (side + 2) + px + dx, py + dy);
                        if (removed) {
                            assertEquals(0x7C7468, masked & 0xFFFFFF, "removed patches show the mean colour");
                        } else {
                            assertEquals(orig, pasted, "kept patch pasted back");
                            assertEquals(orig, masked, "kept patch in the masked input");
                        }
                    }
                }
                kept += removed ? 0 : 1;
            }
        }
        assertEquals(8 * 4, kept); // 4 of 16 patches kept per image
    }

    @Test
    @Tag("slow")
    void resumeAppendsANewFileFromTheResumedEpoch() throws IOException {
        Pretrainer.Result first = run(tiny("tensorboard.images_every=0", "tensorboard.histograms_every=0"));
        // the run extended to 2 epochs (composed afresh: the same config but train.epochs)
        ComposedConfig longer = ConfigComposer.locate().compose(tiny("tensorboard.images_every=0",
                "tensorboard.histograms_every=0", "train.epochs=2"));
        Pretrainer.run(new Pretrainer.Request(longer.config(), longer.render(), longer.overrides(),
                RunFolder.open(first.runDir()), true, TrainingFigures.ALL));
        List<Path> files = EventFileReader.eventFiles(first.runDir());
        assertEquals(2, files.size());
        List<Event> resumed = EventFileReader.read(files.get(1)).events();
        assertEquals(List.of(1000L), starts(resumed)); // TensorBoard drops steps >= 1000 read before it
        assertEquals(List.of(1000L, 1250L, 1500L, 1750L),
                withTag(resumed, "train/loss").stream().map(Event::getStep).toList());
        assertEquals(List.of(1L), withTag(resumed, "eval/knn_top1").stream().map(Event::getStep).toList());
        assertEquals(List.of(1L), withTag(resumed, "config").stream().map(Event::getStep).toList());
        List<Event> original = EventFileReader.read(files.get(0)).events();
        assertEquals(List.of(0L), withTag(original, "eval/knn_top1").stream().map(Event::getStep).toList());
    }

    @Test
    void aDivergedRunEndsItsSessionAsFailed() throws IOException {
        assertThrows(TrainingDivergedException.class, () -> run(tiny("train.lr=1e30")));
        Path runDir;
        try (var dirs = Files.list(tmp.resolve("runs").resolve("tb"))) {
            runDir = dirs.findFirst().orElseThrow();
        }
        List<Event> ev = EventFileReader.readRun(runDir);
        assertEquals(Status.STATUS_FAILURE, endStatus(ev));
        assertTrue(withTag(ev, "train/loss").size() >= 1, "iterations before the divergence are logged");
    }

    @Test
    void disabledWritesNoEventFile() throws IOException {
        Pretrainer.Result r = run(tiny("tensorboard.enabled=false", "eval.every=0"));
        assertEquals(List.of(), EventFileReader.eventFiles(r.runDir()));
    }

    private static List<Long> starts(List<Event> ev) {
        return ev.stream().filter(e -> e.getSessionLog().getStatus() == SessionLog.SessionStatus.START)
                .map(Event::getStep).toList();
    }

    private static List<Event> withTag(List<Event> ev, String tag) {
        return ev.stream().filter(e -> e.getSummary().getValueList().stream().anyMatch(v -> v.getTag().equals(tag)))
                .toList();
    }

    private static Summary.Value value(Event e, String tag) {
        return e.getSummary().getValueList().stream().filter(v -> v.getTag().equals(tag)).findFirst().orElseThrow();
    }

    private static float scalarAt(List<Event> ev, String tag, long step) {
        List<Event> at = withTag(ev, tag).stream().filter(e -> e.getStep() == step).toList();
        assertEquals(1, at.size(), tag + " at step " + step);
        return value(at.get(0), tag).getSimpleValue();
    }

    private static HParamsPluginData plugin(Summary.Value v) throws InvalidProtocolBufferException {
        return HParamsPluginData.parseFrom(v.getMetadata().getPluginData().getContent());
    }

    private static Status endStatus(List<Event> ev) throws InvalidProtocolBufferException {
        List<Event> end = withTag(ev, HParams.SESSION_END_TAG);
        assertEquals(1, end.size());
        return plugin(value(end.get(0), HParams.SESSION_END_TAG)).getSessionEndInfo().getStatus();
    }
}
