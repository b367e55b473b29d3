package io.mae4j.cli;

import ai.djl.ndarray.NDManager;
import io.mae4j.app.ReferenceLoss;
import io.mae4j.model.MaeModel;
import io.mae4j.model.io.StateDict;
import io.mae4j.model.io.TensorData;
import io.mae4j.model.io.WeightExporter;
import io.mae4j.model.io.WeightFiles;
import io.mae4j.run.ModelSource;
import io.mae4j.util.EngineSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code weights inspect|convert|export}: look into and convert weight files. */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = "Inspect, convert and export weights (.pth, .npz, .safetensors; official MAE / timm names).",
        subcommands = {WeightsCommand.Inspect.class, WeightsCommand.Convert.class, WeightsCommand.Export.class,
            WeightsCommand.Loss.class})
public class WeightsCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Lists the tensors of a weight file. */
    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "List names, shapes and dtypes.")
    static class Inspect implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            StateDict sd = WeightFiles.read(file);
            long total = 0;
            for (Map.Entry<String, TensorData> e : sd) {
                TensorData t = e.getValue();
                total += t.numel();
                System.out.printf(Locale.ROOT, "%-45s %-18s %s%n", e.getKey(), t.shapeString(), t.sourceDtype());
            }
            System.out.printf(Locale.ROOT, "%d tensors, %,d values%n", sd.size(), total);
            return 0;
        }
    }

    /** Rewrites a weight file in another format (by extension). */
    @Command(name = "convert", mixinStandardHelpOptions = true, description = "Convert between .pth, .npz and .safetensors.")
    static class Convert implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT")
        Path out;

        @Override
        public Integer call() throws Exception {
            StateDict sd = WeightFiles.read(in);
            WeightFiles.write(sd, out);
            System.out.println("wrote " + out + " (" + sd.size() + " tensors)");
            return 0;
        }
    }

    /** Exports a run's (or checkpoint's) model under the official MAE names. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export a run folder's last checkpoint (or a .ckpt file) as official MAE weights.")
    static class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN_DIR|CKPT")
        Path source;

        @Parameters(index = "1", paramLabel = "OUT", description = "target .pth, .npz or .safetensors")
        Path out;

        @Override
        public Integer call() throws Exception {
            ModelSource src = ModelSource.resolve(source, List.of());
            if (src.runDir() == null) {
                throw new IllegalArgumentException(source + " is a weights file: convert it with `weights convert`");
            }
            EngineSetup.start(0, 0);
            try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) { // an export is read on the CPU
                ModelSource.Loaded loaded = src.load(m);
                MaeModel mae = loaded.model();
                StateDict sd = WeightExporter.export(mae.officialParameters(), Map.of("pos_embed",
                        mae.positionEmbedding(), "decoder_pos_embed", mae.decoderPositionEmbedding()), out);
                System.out.println("wrote " + out + " (" + sd.size() + " tensors; " + loaded.description() + ")");
            }
            return 0;
        }
    }

    /** Prints the MAE loss of weights on images and noise ({@link ReferenceLoss}). */
    @Command(name = "loss", mixinStandardHelpOptions = true,
            description = {"Print the MAE loss of WEIGHTS on INPUTS.npz (arrays imgs (B,3,H,W) normalised, noise (B,N)).",
                    "ARGs choose the model shape: model=vit_b16 model.norm_pix_loss=true mask.mask_ratio=0.75"})
    static class Loss implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "WEIGHTS")
        Path weights;

        @Parameters(index = "1", paramLabel = "INPUTS.npz")
        Path inputs;

        @Parameters(index = "2..*", arity = "0..*", paramLabel = "ARG")
        List<String> args = new ArrayList<>();

        /** The last loss printed (for tests). */
        double loss;

        @Override
        public Integer call() throws Exception {
            loss = ReferenceLoss.of(weights, inputs, args);
            System.out.printf(Locale.ROOT, "loss %.8f%n", loss);
            return 0;
        }
    }
}
