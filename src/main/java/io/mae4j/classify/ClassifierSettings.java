package io.mae4j.classify;

import com.typesafe.config.Config;

/**
 * The recipe of a {@code linprobe} or {@code finetune} run: the keys of its config section (names
 * as in the official {@code main_linprobe.py} / {@code main_finetune.py}).
 *
 * @param kind linear probe or fine-tune (which section was read)
 * @param epochs training epochs
 * @param batchSize images per step (also the evaluation batch)
 * @param blr base learning rate, scaled by batch / 256 when {@code lr} is 0
 * @param lr absolute peak learning rate; 0 = blr · batch / 256
 * @param minLr floor of the cosine schedule
 * @param weightDecay AdamW decoupled weight decay of the decaying group
 * @param warmupEpochs linear warm-up, epochs
 * @param feature pooled feature
 * @param layerDecay layer-wise lr decay (fine-tune; 1 for the linear probe)
 * @param smoothing label smoothing ε
 * @param clipGrad global gradient-norm clip, 0 = off
 * @param every evaluate every N epochs (and after the last); 0 = only after the last
 * @param cacheFeatures linear probe: encoder features computed once per image (evaluation
 *     transform), then only the head trains
 */
public record ClassifierSettings(HeadKind kind, int epochs, int batchSize, double blr, double lr, double minLr,
        double weightDecay, int warmupEpochs, PoolFeature feature, double layerDecay, double smoothing, double clipGrad,
        int every, boolean cacheFeatures) {

    public ClassifierSettings {
        String s = kind.configName() + ".";
        require(epochs >= 1, s + "epochs", epochs, "at least 1");
        require(batchSize >= 1, s + "batch_size", batchSize, "at least 1");
        require(kind != HeadKind.LINPROBE || batchSize >= 2, s + "batch_size", batchSize,
                "at least 2 (the probe's BatchNorm needs batch statistics)");
        require(blr >= 0 && lr >= 0, s + "blr/" + s + "lr", lr, "0 or more");
        require(minLr >= 0, s + "min_lr", minLr, "0 or more");
        require(weightDecay >= 0, s + "weight_decay", weightDecay, "0 or more");
        require(warmupEpochs >= 0, s + "warmup_epochs", warmupEpochs, "0 or more");
        require(layerDecay > 0 && layerDecay <= 1, s + "layer_decay", layerDecay, "in (0, 1]");
        require(smoothing >= 0 && smoothing < 1, s + "smoothing", smoothing, "in [0, 1)");
        require(clipGrad >= 0, s + "clip_grad", clipGrad, "0 or more");
        require(every >= 0, s + "every", every, "0 or more");
    }

    private static void require(boolean ok, String key, Object value, String what) {
        if (!ok) {
            throw new IllegalArgumentException(key + " = " + value + " is invalid: it must be " + what);
        }
    }

    /** Reads the {@code linprobe} or {@code finetune} section of a resolved config. */
    public static ClassifierSettings from(Config config, HeadKind kind) {
        Config c = config.getConfig(kind.configName());
        boolean ft = kind == HeadKind.FINETUNE;
        return new ClassifierSettings(kind, c.getInt("epochs"), c.getInt("batch_size"), c.getDouble("blr"),
                c.getDouble("lr"), c.getDouble("min_lr"), c.getDouble("weight_decay"), c.getInt("warmup_epochs"),
                PoolFeature.parse(c.getString("feature"), kind.configName() + ".feature"),
                ft ? c.getDouble("layer_decay") : 1.0, c.getDouble("smoothing"), c.getDouble("clip_grad"),
                c.getInt("every"), !ft && c.getBoolean("cache_features"));
    }

    /** The peak learning rate: {@code lr}, or blr · batch / 256. */
    public double peakLr() {
        return lr > 0 ? lr : blr * batchSize / 256.0;
    }

    /** Whether to evaluate after the given 0-based epoch (always after the last one). */
    public boolean evalDue(int epoch) {
        return epoch + 1 == epochs || (every > 0 && (epoch + 1) % every == 0);
    }
}
