package io.mae4j.classify;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mae4j.config.ComposedConfig;
import io.mae4j.config.ConfigComposer;
import io.mae4j.model.MaeModel;
import io.mae4j.optim.AdamW;
import io.mae4j.run.CheckpointMeta;
import io.mae4j.run.Checkpoints;
import io.mae4j.run.ModelSettings;
import io.mae4j.optim.ParamEntry;
import io.mae4j.util.EngineSetup;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * An easy generated 2-class image folder (noisy reddish vs bluish 32 px images; 16 train and 8
 * val per class) and a randomly initialised tiny backbone saved as a pre-training run over it,
 * for classifier run tests.
 */
public final class EasyImageSet {

    private EasyImageSet() {}

    /**
     * Writes {@code dir/set/{train,val}/{blue,red}/*.png} and the run {@code dir/runs/src/pretrained}
     * (its runs_dir is {@code dir/runs}).
     *
     * @return the source run folder
     */
    public static Path create(Path dir) throws IOException {
        EngineSetup.start(2, 1);
        Random r = new Random(1);
        for (String split : new String[] {"train", "val"}) {
            for (String cls : new String[] {"blue", "red"}) {
                for (int i = 0; i < (split.equals("train") ? 16 : 8); i++) {
                    writeImage(dir.resolve("set").resolve(split).resolve(cls).resolve(i + ".png"), cls.equals("red"), r);
                }
            }
        }
        ComposedConfig c = ConfigComposer.locate().compose(List.of("data=image_folder", "name=src",
                "data.root=" + dir.resolve("set"), "data.num_workers=1", "runs_dir=" + dir.resolve("runs"),
                "model.img_size=32", "model.patch_size=8", "model.embed_dim=32", "model.depth=1", "model.num_heads=2",
                "model.decoder_embed_dim=16", "model.decoder_depth=1", "model.decoder_num_heads=2"));
        Path source = Files.createDirectories(dir.resolve("runs/src/pretrained"));
        Files.writeString(source.resolve("config.conf"), c.render());
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            MaeModel model = new MaeModel(ModelSettings.from(c.config().getConfig("model")));
            model.initialize(m);
            var params = model.officialParameters();
            try (AdamW opt = AdamW.mae(ParamEntry.all(params), 0.05); var state = opt.stateDict()) {
                Checkpoints.save(source.resolve("checkpoints/last.ckpt"), params, state,
                        new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, 1, 1, 1, 0, "test", 1.0));
            }
        }
        return source;
    }

    /** Per-pixel noise around a red-dominant or blue-dominant colour of random brightness. */
    private static void writeImage(Path file, boolean red, Random r) throws IOException {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        int level = 120 + r.nextInt(100);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int main = clamp(level + (int) (r.nextGaussian() * 30));
                int other = clamp(level / 3 + (int) (r.nextGaussian() * 30));
                int green = clamp(level / 2 + (int) (r.nextGaussian() * 30));
                img.setRGB(x, y, red ? (main << 16) | (green << 8) | other : (other << 16) | (green << 8) | main);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
