package io.mae4j.app;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.typesafe.config.Config;
import io.mae4j.config.ConfigComposer;
import io.mae4j.mask.MaskResult;
import io.mae4j.mask.RandomMaskStrategy;
import io.mae4j.model.MaeConfig;
import io.mae4j.model.MaeModel;
import io.mae4j.model.io.StateDict;
import io.mae4j.model.io.WeightFiles;
import io.mae4j.run.InitWeights;
import io.mae4j.run.ModelSettings;
import io.mae4j.util.EngineSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The MAE loss of given weights on given images and noise ({@code weights loss}): the check against
 * the official {@code models_mae.py} — {@code model(imgs, mask_ratio)} with the same noise gives the
 * same loss. The mask comes from the noise as in the official {@code random_masking} (ascending
 * noise keeps; 1 = removed in the mask it returns).
 */
public final class ReferenceLoss {

    private ReferenceLoss() {}

    /**
     * The loss.
     *
     * @param weights weights file (.pth, .npz, .safetensors; official MAE or timm names)
     * @param inputs .npz with {@code imgs} (B, 3, H, W), normalised, and {@code noise} (B, N)
     * @param args {@code key=value} / {@code group=choice} arguments choosing the model shape and
     *     {@code mask.mask_ratio}
     */
    public static double of(Path weights, Path inputs, List<String> args) throws IOException {
        Config c = ConfigComposer.locate().compose(args).config();
        MaeConfig cfg = ModelSettings.from(c.getConfig("model"));
        EngineSetup.start(0, 0);
        StateDict in = WeightFiles.read(inputs);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) { // a check against PyTorch: CPU float32
            MaeModel mae = new MaeModel(cfg);
            mae.initialize(m);
            InitWeights.apply(weights, mae, m);
            NDArray imgs = in.require("imgs").toNDArray(m); // (B, 3, H, W)
            NDArray noise = in.require("noise").toNDArray(m); // (B, N)
            MaskResult mask = new RandomMaskStrategy(c.getDouble("mask.mask_ratio")).fromNoise(noise, m);
            return mae.forwardMae(new ParameterStore(m, false), imgs, mask.idsShuffle(), mask.idsRestore(),
                    mask.mask(), mask.lenKeep(), false).loss().getFloat();
        }
    }
}
