package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.data.DecodedImage;
import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import io.mae4j.maskeval.TinyPatchClassifier;
import io.mae4j.tensorboard.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mask-eval} on a six-image class-folder split with the tiny test classifier. */
class MaskEvalCommandTest extends ConsoleCapture {

    @TempDir
    Path tmp;

    private Path split() throws Exception {
        SyntheticDataset ds = new SyntheticDataset(new SynthSpec(2, 1, 3, 32, false, 0));
        for (int c = 0; c < 2; c++) {
            Path dir = Files.createDirectories(tmp.resolve("ds/val/c" + c));
            for (int i = 0; i < 3; i++) {
                DecodedImage img = ds.render(1, c, i);
                Files.write(dir.resolve(i + ".png"), new RgbImage(img.width(), img.height(), img.rgb()).toPng());
            }
        }
        return tmp.resolve("ds/val");
    }

    @Test
    void writesTheReportIntoTheClassifierRunFolder() throws Exception {
        Path val = split();
        Path run = Files.createDirectories(tmp.resolve("clf/checkpoints")).getParent();
        // the classifier run's saved config: read, with today's defaults for the keys it lacks
        Files.writeString(run.resolve("config.conf"), "mask_eval { repeats = 3 }\n");
        MaskEvalCommand cmd = new MaskEvalCommand();
        cmd.loader = (p, m) -> new TinyPatchClassifier(m, List.of("c1", "c0")); // another label order
        cmd.args = List.of("checkpoint=" + run.resolve("checkpoints/best.ckpt"), "images=" + val, "ratios=0.1,0.25",
                "drop=mean", "mask_eval.bootstrap=100", "analysis.batch_size=4");
        assertEquals(0, cmd.call());
        Path dir = run.resolve("mask_eval/val_mean");
        assertEquals(dir.toAbsolutePath().normalize(), cmd.result.dir().toAbsolutePath().normalize());
        for (String f : List.of("report.md", "report.json", "results.csv", "predictions.csv", "accuracy.png",
                "gallery.png", "spurious.json", "spurious.csv", "config.conf")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertEquals(3, cmd.result.run().repeats(), "from the run's config.conf");
        assertEquals(2, cmd.result.run().ratios().length);
        // labels mapped by class name: folder c0 is the classifier's label 1
        int[] labels = cmd.result.run().labels();
        assertEquals(List.of(1, 1, 1, 0, 0, 0), java.util.Arrays.stream(labels).boxed().toList());
        assertTrue(out().contains("| r | n_drop | Top | Bottom |"), out());
    }

    @Test
    void badRatiosAreRefusedNamingTheValue() {
        assertEquals(2, Main.execute("mask-eval", "checkpoint=" + tmp.resolve("x.ckpt"), "ratios=0.1,1.2"));
        assertTrue(err().contains("ratio 1.2 is outside [0, 1)"), err());
        assertEquals(2, Main.execute("mask-eval", "checkpoint=" + tmp.resolve("x.ckpt"), "mask_eval.ratios=[0.1,-0.2]"));
        assertTrue(err().contains("ratio -0.2 is outside [0, 1)"), err());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskEvalCommand.ratioList("0.1,abc"));
        assertTrue(e.getMessage().contains("'abc'"), e.getMessage());
        assertEquals("[0.05,0.1]", MaskEvalCommand.ratioList("0.05,0.1"));
    }

    @Test
    void unknownDatasetClassesAreRefused() throws Exception {
        Path val = split();
        MaskEvalCommand cmd = new MaskEvalCommand();
        cmd.loader = (p, m) -> new TinyPatchClassifier(m, List.of("c0", "dog"));
        cmd.args = List.of("checkpoint=" + tmp.resolve("x.ckpt"), "images=" + val, "out=" + tmp.resolve("o"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, cmd::call);
        assertTrue(e.getMessage().contains("[c1]") && e.getMessage().contains("unknown to the classifier"),
                e.getMessage());
    }
}
