package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.data.SynthSpec;
import io.mae4j.data.SyntheticDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cache build / info / show} end to end on a 4-image synthetic set. */
class CacheCommandTest {

    @TempDir
    Path tmp;

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.execute(args), String.join(" ", args));
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void buildsIntoTheDatasetFolderThenInfoAndShowReadIt() throws Exception {
        Path root = tmp.resolve("synth");
        new SyntheticDataset(new SynthSpec(2, 2, 1, 32, false, 1)).generate(root);
        String built = run("cache", "build", "data.root=" + root, "split=train", "scorer=sift-only",
                "cache.grid_size=4", "cache.workers=2");
        assertTrue(built.contains("4 images, 0 already cached, 4 written"), built);
        List<Path> files;
        try (Stream<Path> s = Files.list(root.resolve(".mae4j-cache"))) {
            files = s.filter(p -> !p.getFileName().toString().endsWith(".lock")).toList(); // the build's lock file stays
        }
        assertEquals(1, files.size());
        assertTrue(files.get(0).getFileName().toString().matches("train-sift-only-[0-9a-f]{12}\\.sqlite"), files.toString());

        String again = run("cache", "build", "data.root=" + root, "split=train", "cache.grid_size=4");
        assertTrue(again.contains("4 already cached, 0 written"), again);

        String info = run("cache", "info", files.get(0).toString());
        assertTrue(info.contains("coverage            4 entries + 0 skipped of 4 images (100.0%)"), info);
        assertTrue(info.contains("grid                4x4"), info);
        String infoByArgs = run("cache", "info", "data.root=" + root, "cache.grid_size=4");
        assertTrue(infoByArgs.contains("4 entries"), infoByArgs);

        Path png = tmp.resolve("show.png");
        String image;
        try (Stream<Path> s = Files.list(root.resolve("train").resolve(SyntheticDataset.className(0, 2)))) {
            image = "train/" + SyntheticDataset.className(0, 2) + "/" + s.sorted().findFirst().orElseThrow().getFileName();
        }
        run("cache", "show", "image=" + image, "cache=" + files.get(0), "out=" + png);
        assertEquals(448 + io.mae4j.cache.CacheShow.BAR, ImageIO.read(png.toFile()).getWidth()); // image + colour bar
        assertEquals(2, Main.execute("cache", "show", "image=train/none.png", "cache=" + files.get(0), "out=" + png));
        assertEquals(2, Main.execute("cache", "build", "data.root=" + root, "scorer=runs/x/model.ckpt"));
    }
}
