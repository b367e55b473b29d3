package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mae4j.classify.ClassifierCheckpoint;
import io.mae4j.classify.ClassifierEpoch;
import io.mae4j.classify.EasyImageSet;
import io.mae4j.classify.HeadKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * linprobe / finetune end to end on an easy generated 2-class set ({@link EasyImageSet}) from a
 * randomly initialised tiny backbone saved as a pre-training run: the commands
 * must learn it (accuracy well above the 50 % of chance) and leave a complete run folder.
 */
class ClassifierCommandTest extends ConsoleCapture {

    @TempDir
    static Path tmp;
    static Path source;

    @BeforeAll
    static void sourceRunAndImages() throws IOException {
        source = EasyImageSet.create(tmp);
    }

    @Test
    void finetuneLearnsTheEasySetAndWritesItsRunFolder() throws IOException {
        assertEquals(0, Main.execute("finetune", "checkpoint=" + source, "finetune.epochs=3", "finetune.batch_size=8",
                "finetune.lr=2e-3", "finetune.warmup_epochs=1", "finetune.every=2"), err());
        Path run = onlyRun("src_finetune");
        List<ClassifierEpoch> rows = metrics(run);
        assertEquals(3, rows.size());
        assertTrue(Double.isNaN(rows.get(0).top1()) && !Double.isNaN(rows.get(1).top1()), "evaluated every 2 epochs");
        assertTrue(rows.get(2).top1() >= 0.85, "finetune top-1 " + rows.get(2).top1() + " on an easy 2-class set");
        assertTrue(Double.isNaN(rows.get(2).top5()), "top-5 needs 5 classes");
        assertTrue(out().contains("run folder: " + run.toAbsolutePath()), out());
        for (String f : new String[] {"config.conf", "overrides.txt", "run.json", "train.log", "checkpoints/last.ckpt",
                "checkpoints/best.ckpt"}) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        try (Stream<Path> files = Files.list(run)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents")));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ClassifierCheckpoint.Loaded loaded = ClassifierCheckpoint.read(run, m);
            assertEquals(List.of("blue", "red"), loaded.classifier().classNames());
            assertEquals(HeadKind.FINETUNE, loaded.classifier().kind());
            assertEquals(3, loaded.meta().epochsDone());
            assertEquals(rows.get(2).top1(), loaded.meta().top1(), 1e-6);
        }
    }

    @Test
    void linprobeWithCachedFeaturesLearnsTheEasySet() throws IOException {
        assertEquals(0, Main.execute("linprobe", "checkpoint=" + source.resolve("checkpoints/last.ckpt"),
                "linprobe.epochs=5", "linprobe.batch_size=8", "linprobe.lr=2e-2", "linprobe.cache_features=true",
                "tensorboard.enabled=false"), err());
        Path run = onlyRun("src_linprobe");
        List<ClassifierEpoch> rows = metrics(run);
        assertEquals(5, rows.size());
        assertTrue(rows.get(4).top1() >= 0.75, "linear probe top-1 " + rows.get(4).top1());
        assertTrue(Files.readString(run.resolve("train.log")).contains("computing the frozen features of 32 training images"));
    }

    @Test
    void aMissingCheckpointIsNamed() {
        Path missing = tmp.resolve("no/such/run");
        assertEquals(2, Main.execute("finetune", "checkpoint=" + missing));
        assertTrue(err().contains(missing.toString()), err());
        assertEquals(2, Main.execute("linprobe", "linprobe.epochs=1"));
        assertTrue(err().contains("linprobe needs checkpoint="), err());
    }

    private static Path onlyRun(String name) throws IOException {
        try (Stream<Path> runs = Files.list(tmp.resolve("runs").resolve(name))) {
            List<Path> all = runs.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static List<ClassifierEpoch> metrics(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(ClassifierEpoch.HEADER, lines.get(0));
        List<ClassifierEpoch> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            rows.add(ClassifierEpoch.parse(l));
        }
        return rows;
    }
}
