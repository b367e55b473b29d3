package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.cache.StaleCacheException;
import io.mae4j.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 3 of issue 16: the θ cache travels with its dataset, and every rebuild advice is true. */
class CacheTravelsTest {

    @TempDir
    Path tmp;

    private static final String[] GUIDED = {"mask=guided_curriculum", "train.epochs=1", "eval.every=0",
        "analysis.every=0", "tensorboard.enabled=false"};

    @Test
    void aMovedDatasetKeepsItsCacheAndTheAdvisedRebuildWorks() throws Exception {
        Path built = tmp.resolve("a/synth");
        assertEquals(0, Main.execute("synth", "data.synth.style=silhouette", "data.root=" + built, "data.synth.classes=4",
                "data.synth.train_per_class=8", "data.synth.val_per_class=2", "data.synth.image_size=32"));
        assertEquals(0, Main.execute("cache", "build", "data.root=" + built, "cache.workers=1", "model.img_size=32"));
        // the dataset (with its .mae4j-cache/ inside) moves elsewhere, e.g. to the training machine
        Path moved = tmp.resolve("b/synth");
        Files.createDirectories(moved.getParent());
        Files.move(built, moved);
        assertTrue(Files.isDirectory(moved.resolve(".mae4j-cache")));
        Pretrainer.Result r = TinyRuns.run(tmp.resolve("b"), GUIDED);
        assertTrue(Double.isFinite(r.history().get(0).trainLoss()));

        // a changed split: refused, and the command it advises makes the next run work
        Path cls;
        try (Stream<Path> s = Files.list(moved.resolve("train"))) {
            cls = s.sorted().findFirst().orElseThrow();
        }
        try (Stream<Path> s = Files.list(cls)) {
            Files.copy(s.sorted().findFirst().orElseThrow(), cls.resolve("extra.png"));
        }
        StaleCacheException stale = assertThrows(StaleCacheException.class, () -> TinyRuns.run(tmp.resolve("b"), GUIDED));
        String msg = stale.getMessage();
        assertTrue(msg.contains("Rebuild it with: mae4j cache build data.root=" + moved), msg);
        String[] advised = msg.substring(msg.indexOf("mae4j cache build") + "mae4j ".length()).split(" ");
        assertEquals(0, Main.execute(advised));
        assertTrue(Double.isFinite(TinyRuns.run(tmp.resolve("b"), GUIDED).history().get(0).trainLoss()));
    }
}
