package io.mae4j.classify;

import io.mae4j.model.MaeConfig;
import java.util.List;

/**
 * The description stored in a classifier checkpoint ({@code classifier.json}).
 *
 * @param formatVersion layout version ({@link ClassifierCheckpoint#FORMAT_VERSION})
 * @param kind {@code linprobe} or {@code finetune}
 * @param feature {@code cls} or {@code mean}
 * @param classNames class names in label order
 * @param model the backbone's shape
 * @param epochsDone training epochs behind these weights
 * @param top1 validation top-1 accuracy of the last evaluation, NaN if none
 * @param source what the backbone was loaded from (run folder, checkpoint or weights file)
 */
public record ClassifierMeta(int formatVersion, String kind, String feature, List<String> classNames, MaeConfig model,
        int epochsDone, double top1, String source) {}
