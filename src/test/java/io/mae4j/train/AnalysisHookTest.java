package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mae4j.data.DatasetException;
import io.mae4j.tensorboard.EventFileReader;
import io.mae4j.tensorboard.proto.Event;
import io.mae4j.tensorboard.proto.Summary;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis hook in real tiny runs ({@link TinyRuns}, here 6 blocks so the three stages exist,
 * 2 epochs, 8 validation images as the probe set): what reaches TensorBoard, the run folder and
 * train.log, and that the analysis leaves training untouched.
 */
@Tag("slow")
class AnalysisHookTest {

    @TempDir
    static Path tmp;

    static Pretrainer.Result on;
    static Pretrainer.Result off;

    private static final String[] TINY = {"model.depth=6", "train.epochs=2", "eval.every=0",
        "tensorboard.images_every=0", "tensorboard.histograms_every=0"};

    @BeforeAll
    static void runs() throws IOException {
        on = TinyRuns.run(tmp.resolve("on"), concat(TINY, "analysis.every=1"));
        off = TinyRuns.run(tmp.resolve("off"), concat(TINY, "analysis.every=0"));
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @Test
    void everyEpochLogsTheScalarsAndFiguresAtTheEpochStep() throws IOException {
        List<Event> ev = EventFileReader.readRun(on.runDir());
        for (int layer = 1; layer <= 6; layer++) {
            for (String m : List.of("theta_KK", "theta_NK", "gap", "focus", "focus_norm")) {
                String tag = String.format("analysis/%s/layer_%02d", m, layer);
                assertEquals(List.of(0L, 1L), steps(ev, tag), tag);
            }
        }
        for (String tag : List.of("analysis/stage_boundary_1", "analysis/stage_boundary_2")) {
            assertEquals(List.of(0L, 1L), steps(ev, tag), tag);
        }
        // depth 6 at stage_min_layers 2 leaves one split: no signature verdict
        assertEquals(List.of(), steps(ev, "analysis/signature_holds"));
        // the stage-emergence picture, redrawn after every analysis
        assertEquals(List.of(0L, 1L), steps(ev, "analysis/plots/emergence"));
        assertTrue(Files.isRegularFile(on.runDir().resolve("analysis/emergence.png")));
        // the scalars are those of the epoch's report.json
        JsonObject report = report(on.runDir(), 2);
        JsonObject layer3 = report.getAsJsonArray("per_layer").get(2).getAsJsonObject();
        assertEquals(layer3.getAsJsonObject("theta_KK").get("mean").getAsDouble(),
                value(ev, "analysis/theta_KK/layer_03", 1).getSimpleValue(), 1e-6);
        assertEquals(layer3.get("gap").getAsDouble(), value(ev, "analysis/gap/layer_03", 1).getSimpleValue(), 1e-6);
        assertEquals(report.getAsJsonObject("stages").get("break1").getAsInt(),
                value(ev, "analysis/stage_boundary_1", 1).getSimpleValue());
        // the figures, as PNGs of the size their header states
        for (String name : List.of("theta_layers", "focus_layers", "stages", "heatmaps")) {
            String tag = "analysis/plots/" + name;
            assertEquals(List.of(0L, 1L), steps(ev, tag), tag);
            Summary.Image img = value(ev, tag, 1).getImage();
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(img.getEncodedImageString().toByteArray()));
            assertEquals(decoded.getWidth(), img.getWidth(), tag);
            assertEquals(decoded.getHeight(), img.getHeight(), tag);
            assertTrue(img.getWidth() > 100 && img.getHeight() > 100, tag);
        }
    }

    @Test
    void everyEpochWritesItsFolderAndALogLine() throws IOException {
        for (int epoch = 1; epoch <= 2; epoch++) {
            Path dir = on.runDir().resolve(String.format("analysis/epoch_%04d", epoch));
            for (String f : List.of("report.json", "per_layer.csv", "per_head.csv", "theta_bar.csv",
                    "theta_layers.png", "focus_layers.png", "stages.png", "heatmaps.png")) {
                assertTrue(Files.size(dir.resolve(f)) > 0, dir.resolve(f).toString());
            }
            JsonObject report = report(on.runDir(), epoch);
            assertEquals("training", report.get("source").getAsString());
            assertEquals(epoch, report.get("epoch").getAsInt());
            assertEquals(8L * epoch, report.get("global_step").getAsLong()); // 32 images in batches of 4
            assertEquals(8, report.get("images").getAsInt()); // the whole 4 x 2 validation split
            assertEquals(6, report.get("layers").getAsInt());
        }
        String log = Files.readString(on.runDir().resolve("train.log"));
        assertTrue(log.contains("analysis every 1 epochs on 8 probe images of val (first 8, class-balanced)"), log);
        Pattern line = Pattern.compile("analysis epoch (\\d): θ_KK−θ_NK mean -?\\d\\.\\d{4} over 6 layers,"
                + " stages (\\d)-\\d\\|(\\d)-\\d\\|\\d-6, (stages not identifiable at depth 6), \\d+\\.\\d\\d s"
                + " \\(measures \\d+\\.\\d\\d s\\) -> analysis/epoch_000(\\d)");
        List<String> lines = log.lines().filter(l -> l.startsWith("analysis epoch")).toList();
        assertEquals(2, lines.size(), log);
        for (int i = 0; i < 2; i++) {
            var m = line.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(String.valueOf(i + 1), m.group(1));
            assertEquals(m.group(1), m.group(5));
            assertEquals(report(on.runDir(), i + 1).getAsJsonObject("stages").get("break1").getAsInt(),
                    Integer.parseInt(m.group(3)));
        }
    }

    @Test
    void offWritesNothing() throws IOException {
        assertFalse(Files.exists(off.runDir().resolve("analysis")));
        assertTrue(EventFileReader.readRun(off.runDir()).stream()
                .flatMap(e -> e.getSummary().getValueList().stream()).noneMatch(v -> v.getTag().startsWith("analysis/")));
        assertFalse(Files.readString(off.runDir().resolve("train.log")).contains("analysis"));
    }

    @Test
    void theAnalysisDoesNotChangeTraining() {
        assertEquals(2, on.history().size());
        for (int e = 0; e < 2; e++) {
            // the analysis draws no randomness and touches no parameter; the BLAS may still round
            // differently between two runs in one JVM (seen: 2e-4 relative after an epoch), so 1e-3 relative
            double want = off.history().get(e).trainLoss();
            assertEquals(want, on.history().get(e).trainLoss(), 1e-3 * want, "epoch " + (e + 1));
        }
    }

    @Test
    void withoutTensorBoardTheFoldersStillAppearOnTheirEpochs() throws IOException {
        Pretrainer.Result r = TinyRuns.run(tmp.resolve("notb"), "train.epochs=3", "eval.every=0",
                "tensorboard.enabled=false", "analysis.every=2", "analysis.num_images=4");
        assertEquals(List.of(), EventFileReader.eventFiles(r.runDir()));
        try (Stream<Path> s = Files.list(r.runDir().resolve("analysis"))) {
            // every 2 epochs and after the last (one block: no stages, no stages.png), and the emergence picture
            assertEquals(List.of("emergence.png", "epoch_0002", "epoch_0003"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Path last = r.runDir().resolve("analysis/epoch_0003");
        assertTrue(Files.exists(last.resolve("heatmaps.png")));
        assertFalse(Files.exists(last.resolve("stages.png")));
        assertEquals(4, report(r.runDir(), 3).get("images").getAsInt());
        assertTrue(Files.readString(r.runDir().resolve("train.log"))
                .contains("analysis epoch 3: θ_KK−θ_NK mean"));
    }

    @Test
    void aMissingValidationSplitNamesTheSwitch() {
        DatasetException e = assertThrows(DatasetException.class, () -> TinyRuns.run(tmp.resolve("noval"),
                "train.epochs=1", "eval.every=0", "data.val_split=nope"));
        assertTrue(e.getMessage().contains("'nope' split"), e.getMessage());
        assertTrue(e.getMessage().contains("set analysis.every=0"), e.getMessage());
    }

    private static JsonObject report(Path runDir, int epoch) throws IOException {
        return JsonParser.parseString(Files.readString(runDir.resolve(String.format("analysis/epoch_%04d/report.json",
                epoch)))).getAsJsonObject();
    }

    private static List<Long> steps(List<Event> ev, String tag) {
        return ev.stream().filter(e -> e.getSummary().getValueList().stream().anyMatch(v -> v.getTag().equals(tag)))
                .map(Event::getStep).toList();
    }

    private static Summary.Value value(List<Event> ev, String tag, long step) {
        Map<Long, Summary.Value> at = new TreeMap<>();
        for (Event e : ev) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.getTag().equals(tag)) {
                    assertNull(at.put(e.getStep(), v), tag + " twice at step " + e.getStep());
                }
            }
        }
        return at.get(step);
    }
}
