package io.mae4j.run;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mae4j.config.ComposedConfig;
import io.mae4j.config.ConfigComposer;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.model.io.WeightFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a trained model comes from, for commands that only run it (analyze, probes):
 * <ul>
 *   <li>a run folder: its {@code checkpoints/last.ckpt}, model shape from its {@code config.conf};
 *   <li>a {@code .ckpt} file inside a run's {@code checkpoints/}: that checkpoint, same config;
 *   <li>a weights file (any {@link WeightFormat}: .pth, .npz, .safetensors; official MAE or timm
 *       names): the model shape from the {@code model=} choice and {@code model.*} keys.
 * </ul>
 * The config is the run's saved config (with today's defaults for keys it lacks, e.g. a section
 * added later) plus the {@code key=value} arguments; for a weights file it is composed from
 * configs/ with the arguments.
 *
 * @param kind "run", "checkpoint" or "weights"
 * @param file the checkpoint or weights file read
 * @param runDir the run folder, or null for a weights file
 * @param config the resolved config
 */
public record ModelSource(String kind, Path file, Path runDir, Config config) {

    /**
     * Resolves a source path and the arguments.
     *
     * @param source run folder, .ckpt file or weights file
     * @param args {@code group=choice} (weights only) and {@code key=value} arguments
     * @throws IOException naming what is missing
     */
    public static ModelSource resolve(Path source, List<String> args) throws IOException {
        ConfigComposer composer = ConfigComposer.locate();
        String name = source.getFileName() == null ? "" : source.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(source) || name.endsWith(".ckpt")) {
            boolean dir = Files.isDirectory(source);
            Path runDir = dir ? source : runOf(source);
            Path ckpt = dir ? RunFolder.open(runDir).lastCheckpoint() : source;
            if (!Files.isRegularFile(ckpt)) {
                throw new IOException("no checkpoint " + ckpt + (dir ? ": the run has not finished an epoch yet" : ""));
            }
            for (String a : args) {
                String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (composer.groups().containsKey(key)) {
                    throw new IllegalArgumentException("'" + a + "': a run's model and data come from its config.conf ("
                            + runDir.resolve("config.conf") + "); group choices apply to weights files only."
                            + " Override single keys instead (e.g. analysis.gamma=2)");
                }
            }
            Path file = runDir.resolve("config.conf");
            Config saved = ConfigFactory.parseString(Files.readString(file, StandardCharsets.UTF_8)).resolve();
            // the saved group choices are a record, not keys; keys added since the run get today's defaults
            Config withNewKeys = saved.withoutPath("defaults")
                    .withFallback(composer.compose(List.of()).config().withoutPath("defaults"));
            ComposedConfig c = composer.reopen(withNewKeys, args, file.toString());
            return new ModelSource(dir ? "run" : "checkpoint", ckpt, runDir, c.config());
        }
        if (isWeights(source)) {
            if (!Files.isRegularFile(source)) {
                throw new IOException("weights file not found: " + source);
            }
            return new ModelSource("weights", source, null, composer.compose(args).config());
        }
        throw new IllegalArgumentException("checkpoint=" + source + " is neither a run folder, a .ckpt file nor a"
                + " weights file (.pth, .npz, .safetensors)");
    }

    /** The model shape of the config. */
    public MaeConfig modelConfig() {
        return ModelSettings.from(config.getConfig("model"));
    }

    /**
     * Builds the model and loads the weights.
     *
     * @return the model and a one-line description of what was loaded
     */
    public Loaded load(NDManager manager) throws IOException {
        MaeModel model = new MaeModel(modelConfig());
        model.initialize(manager);
        if (kind.equals("weights")) {
            return new Loaded(model, InitWeights.apply(file, model, manager));
        }
        try (NDManager tmp = manager.newSubManager()) {
            Checkpoints.Loaded ck = Checkpoints.read(file, tmp);
            Checkpoints.copyInto(ck.model(), model.officialParameters(), file.toString());
            return new Loaded(model, "loaded " + file + " (after epoch " + ck.meta().epochsDone() + ")");
        }
    }

    /**
     * A model ready to run.
     *
     * @param model the model
     * @param description what was loaded
     */
    public record Loaded(MaeModel model, String description) {}

    private static Path runOf(Path ckpt) throws IOException {
        Path parent = ckpt.toAbsolutePath().getParent();
        Path run = parent == null ? null : parent.getParent();
        if (run == null || !Files.isRegularFile(run.resolve("config.conf"))) {
            throw new IOException("cannot find the run folder of " + ckpt + ": a .ckpt must stay in <run>/checkpoints/"
                    + " next to <run>/config.conf; export it as weights (`weights export`) to use it elsewhere");
        }
        return run;
    }

    private static boolean isWeights(Path file) {
        try {
            WeightFormat.of(file);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
