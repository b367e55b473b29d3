package io.mae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code data} section read once: values, the transform it gives, and the k-NN splits it opens. */
class DataSettingsTest {

    @TempDir
    Path tmp;

    private Config section(String extra) {
        return ConfigFactory.parseString("kind = image_folder\nroot = \"" + tmp.toString().replace("\\", "/")
                + "/ds\"\ntrain_split = tr\nval_split = va\nmax_train = 0\nmax_val = 0\nmax_pixels = 1000\n"
                + "crop_scale = [0.3, 0.9]\ncrop_ratio = [0.5, 2.0]\nhflip = 0.25\nmean = [0.1, 0.2, 0.3]\n"
                + "std = [0.4, 0.5, 0.6]\nnum_workers = 1\nprefetch = 3\n" + extra).resolve();
    }

    @Test
    void readsEveryKeyOnceAndBuildsTheTransform() {
        DataSettings d = DataSettings.from(section(""));
        assertEquals(tmp.resolve("ds"), d.root());
        assertEquals("tr", d.trainSplit());
        assertEquals("va", d.valSplit());
        assertEquals(1000, d.maxPixels());
        assertNull(d.synth(), "an image folder has no generator settings");
        TransformSettings t = d.transform(48);
        assertEquals(48, t.size());
        assertEquals(0.3, t.scaleMin());
        assertEquals(0.9, t.scaleMax());
        assertEquals(0.5, t.ratioMin());
        assertEquals(2.0, t.ratioMax());
        assertEquals(0.25, t.hflip());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, t.mean());
        assertArrayEquals(new float[] {0.4f, 0.5f, 0.6f}, t.std());
    }

    @Test
    void aCropRangeNeedsTwoValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSettings.from(section("crop_scale = [0.3]")));
        assertTrue(e.getMessage().contains("data.crop_scale"), e.getMessage());
    }

    @Test
    void knnSplitsAreOpenedOnlyWhenAsked() throws Exception {
        for (String split : new String[] {"tr", "va"}) {
            for (String cls : new String[] {"a", "b"}) {
                Path dir = Files.createDirectories(tmp.resolve("ds").resolve(split).resolve(cls));
                for (int i = 0; i < 3; i++) {
                    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8,
                            java.awt.image.BufferedImage.TYPE_INT_RGB);
                    javax.imageio.ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
                }
            }
        }
        DataSettings d = DataSettings.from(section(""));
        try (PretrainData off = PretrainData.open(d, null, 8, 0)) {
            assertNull(off.knnQuery(), "eval off: no validation split");
            assertEquals(6, off.train().size());
        }
        try (PretrainData on = PretrainData.open(d, new PretrainData.KnnSplits(2, 0), 8, 0)) {
            assertEquals(6, on.train().size());
            assertEquals(2, on.knnMemory().size(), "eval.max_train caps the memory, not the training split");
            assertEquals("va", on.knnQuery().split());
            assertEquals(6, on.knnQuery().size());
        }
    }
}
