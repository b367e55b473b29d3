package io.mae4j.app;

import io.mae4j.train.TinyRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Overrides of a tiny run (the sizes of train/TinyRuns: 32 px, one encoder block, 4 classes of 8 + 2
 * images) without an experiment choice, so recipes can put their own in front.
 */
public final class TinyStory {

    private TinyStory() {}

    public static List<String> args(Path tmp, String... extra) {
        List<String> a = new ArrayList<>(TinyRuns.sizes(tmp));
        a.addAll(List.of("train.epochs=2", "analysis.every=0", "tensorboard.enabled=false", "cache.workers=1"));
        a.addAll(List.of(extra));
        return a;
    }
}
