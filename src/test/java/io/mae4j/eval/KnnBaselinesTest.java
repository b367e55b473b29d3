package io.mae4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.mae4j.config.ConfigComposer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k-NN baselines on a hand-made image set whose raw-pixel answer is known. */
class KnnBaselinesTest {

    @TempDir
    Path tmp;

    private void gray(Path file, int level) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(level, level, level));
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private Config config() {
        return ConfigComposer.locate().compose(List.of("data=image_folder", "data.root=" + tmp.resolve("set"),
                "model.img_size=16", "model.patch_size=8", "model.embed_dim=32", "model.depth=1", "model.num_heads=2",
                "model.decoder_embed_dim=16", "model.decoder_depth=1", "model.decoder_num_heads=2",
                "data.num_workers=1", "eval.every=1", "runs_dir=" + tmp.resolve("runs"))).config();
    }

    @Test
    void rawPixelsOnAHandMadeSetAndTheCache() throws Exception {
        // memory: class a black, class b white. After normalisation (x − mean) / std a dark image is a
        // vector of negative values, a light one of positive values: cosine ≈ +1 with its own side, −1 with
        // the other, so every query takes the class of its side. Queries: a dark (a: right), a light image
        // labelled a (wrong), two light images labelled b (right) → 3 / 4.
        Path set = tmp.resolve("set");
        gray(set.resolve("train/a/0.png"), 0);
        gray(set.resolve("train/a/1.png"), 10);
        gray(set.resolve("train/b/0.png"), 255);
        gray(set.resolve("train/b/1.png"), 245);
        gray(set.resolve("val/a/0.png"), 60);
        gray(set.resolve("val/a/1.png"), 200);
        gray(set.resolve("val/b/0.png"), 200);
        gray(set.resolve("val/b/1.png"), 230);

        List<KnnBaselines.Baseline> first = KnnBaselines.of(config());
        assertEquals("raw pixels", first.get(0).name());
        assertEquals(0.75, first.get(0).top1(), 1e-12);
        assertFalse(first.get(0).cached());
        assertEquals("random init", first.get(1).name());
        double init = first.get(1).top1();
        assertTrue(init >= 0 && init <= 1);

        // computed once: the second call reads runs/baselines/<key>.json
        List<KnnBaselines.Baseline> again = KnnBaselines.of(config());
        assertTrue(again.get(0).cached() && again.get(1).cached());
        assertEquals(0.75, again.get(0).top1(), 0.0);
        assertEquals(init, again.get(1).top1(), 0.0);

        // random init is reproducible: recomputed from scratch it gives the same number
        Path file = tmp.resolve("runs/baselines/" + first.get(1).key() + ".json");
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8).replace("random_init|", "other|"));
        KnnBaselines.Baseline recomputed = KnnBaselines.of(config()).get(1);
        assertFalse(recomputed.cached(), "a file whose descriptor differs is not trusted");
        assertEquals(init, recomputed.top1(), 0.0);

        // another k-NN setting is another key
        List<KnnBaselines.Baseline> k1 = KnnBaselines.of(ConfigComposer.locate().compose(List.of("data=image_folder",
                "data.root=" + set, "model.img_size=16", "model.patch_size=8", "model.embed_dim=32", "model.depth=1",
                "model.num_heads=2", "model.decoder_embed_dim=16", "model.decoder_depth=1", "model.decoder_num_heads=2",
                "data.num_workers=1", "eval.every=1", "eval.knn_k=1", "runs_dir=" + tmp.resolve("runs"))).config());
        assertFalse(k1.get(0).cached());
        assertEquals(0.75, k1.get(0).top1(), 1e-12);
    }
}
