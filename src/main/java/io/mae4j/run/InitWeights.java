package io.mae4j.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mae4j.model.MaeModel;
import io.mae4j.model.io.ImportOptions;
import io.mae4j.model.io.ImportReport;
import io.mae4j.model.io.OfficialNames;
import io.mae4j.model.io.StateDict;
import io.mae4j.model.io.WeightFiles;
import io.mae4j.model.io.WeightImporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a run from existing weights ({@code model.init_weights}): an official MAE checkpoint
 * ({@code mae_pretrain_vit_*.pth} encoder-only, {@code mae_visualize_vit_*.pth} with decoder), a
 * timm ViT, or a file exported by mae4j. Missing encoder parameters are an error; a file without
 * any decoder parameter leaves the decoder at its random initialisation.
 */
public final class InitWeights {

    private InitWeights() {}

    /**
     * Loads {@code file} into the model's parameters.
     *
     * @return the import report as one printable text
     */
    public static String apply(Path file, MaeModel model, NDManager manager) throws IOException {
        StateDict sd = WeightFiles.read(file);
        boolean encoderOnly = sd.names().stream().noneMatch(OfficialNames::isDecoderName);
        Map<String, NDArray> tables = Map.of(
                "pos_embed", model.positionEmbedding(), "decoder_pos_embed", model.decoderPositionEmbedding());
        ImportOptions opts = ImportOptions.builder().optStrict(true).optEncoderOnly(encoderOnly)
                .optFixedTables(tables).build();
        ImportReport report = WeightImporter.apply(model.officialParameters(), sd, opts);
        return "initialised from " + file + ": " + report.summary();
    }
}
