package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mae4j.model.io.StateDict;
import io.mae4j.model.io.TensorData;
import io.mae4j.model.io.WeightFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code weights loss} reproduces the torch 1.13 restatement of the official MAE loss
 * (fixture from src/test/python/make_mae_fixture.py) from a weights file and an inputs file.
 */
class WeightsLossTest {

    @TempDir
    Path tmp;

    private static final Set<String> NOT_WEIGHTS = Set.of("imgs", "noise", "ids_shuffle", "ids_restore", "mask",
            "latent", "pred", "loss", "loss_per_sample", "loss_npl", "loss_per_sample_npl", "latent_full",
            "attn_full_0");

    @Test
    void lossMatchesTheReferenceWithAndWithoutNormPix() throws Exception {
        StateDict fixture = WeightFiles.read(Path.of("src/test/resources/fixtures/mae_tiny.npz"));
        StateDict weights = new StateDict("weights");
        StateDict inputs = new StateDict("inputs");
        for (Map.Entry<String, TensorData> e : fixture) {
            if (!NOT_WEIGHTS.contains(e.getKey())) {
                weights.put(e.getKey(), e.getValue());
            }
        }
        inputs.put("imgs", fixture.require("imgs"));
        inputs.put("noise", fixture.require("noise"));
        WeightFiles.write(weights, tmp.resolve("w.pth"));
        WeightFiles.write(inputs, tmp.resolve("in.npz"));
        List<String> model = List.of("model.img_size=32", "model.patch_size=8", "model.embed_dim=32", "model.depth=2",
                "model.num_heads=2", "model.decoder_embed_dim=16", "model.decoder_depth=1",
                "model.decoder_num_heads=2", "mask.mask_ratio=0.75");
        for (boolean npl : new boolean[] {false, true}) {
            WeightsCommand.Loss cmd = new WeightsCommand.Loss();
            String[] argv = new String[model.size() + 3];
            argv[0] = tmp.resolve("w.pth").toString();
            argv[1] = tmp.resolve("in.npz").toString();
            for (int i = 0; i < model.size(); i++) {
                argv[i + 2] = model.get(i);
            }
            argv[argv.length - 1] = "model.norm_pix_loss=" + npl;
            assertEquals(0, new CommandLine(cmd).execute(argv));
            double expected = fixture.require(npl ? "loss_npl" : "loss").data()[0];
            assertEquals(expected, cmd.loss, 1e-5 * Math.abs(expected), "norm_pix_loss=" + npl);
        }
    }
}
