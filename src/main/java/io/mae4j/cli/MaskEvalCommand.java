package io.mae4j.cli;

import io.mae4j.maskeval.ClassifierLoader;
import io.mae4j.maskeval.DropPlan;
import io.mae4j.app.MaskEvalJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mask-eval checkpoint=<classifier> [images=<split | folder>] [ratios=0.05,0.1,...]
 * [drop=tokens|mean] [repeats=5] [out=DIR] [key=value ...]}: mask as prompt (paper 5.1) and the
 * spurious-correlation finder; see {@link MaskEvalJob}.
 */
@Command(
        name = "mask-eval",
        mixinStandardHelpOptions = true,
        description = {
            "Mask as prompt (paper 5.1): accuracy of a classifier with the patches of highest (Top) or lowest (Bottom)"
                    + " theta-bar dropped at inference, beside a seeded random-drop control, with bootstrap intervals"
                    + " and exact McNemar tests; plus the spurious-correlation finder (keypoint patches attending"
                    + " mostly to non-keypoint patches) and the effect of dropping what they attend to.",
            "checkpoint= a classifier written by linprobe / finetune.",
            "images= a split name of data.root (default data.val_split) or a folder of class folders.",
            "ratios= drop ratios in [0, 1) (default mask_eval.ratios); drop=tokens|mean; repeats=R; out=DIR;"
                    + " other key=value arguments override config keys (mask_eval.*, analysis.*, data.*).",
            "Writes report.md, report.json, results.csv, predictions.csv, accuracy.png, gallery.png and spurious.*",
            "Example: mask-eval checkpoint=runs/finetune/20250101-120000 images=val ratios=0.05,0.1,0.2 drop=mean"
        })
public class MaskEvalCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "ARG",
            description = "checkpoint=PATH images=SPLIT|FOLDER ratios=R,R,... drop=tokens|mean repeats=N out=DIR key=value")
    List<String> args = new ArrayList<>();

    /** How the classifier is opened; tests replace it. */
    ClassifierLoader loader = ClassifierLoader.standard();

    /** The job's result, for tests. */
    MaskEvalJob.Result result;

    @Override
    public Integer call() throws Exception {
        Path checkpoint = null;
        String images = null;
        Path out = null;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? "" : a.substring(0, eq);
            String value = a.substring(eq + 1);
            switch (key) {
                case "checkpoint" -> checkpoint = Path.of(value);
                case "images" -> images = value;
                case "out" -> out = Path.of(value);
                case "ratios" -> rest.add("mask_eval.ratios=" + ratioList(value));
                case "drop" -> rest.add("mask_eval.drop=" + value);
                case "repeats" -> rest.add("mask_eval.repeats=" + value);
                default -> rest.add(a);
            }
        }
        if (checkpoint == null) {
            throw new IllegalArgumentException("mask-eval needs checkpoint=<classifier written by linprobe / finetune>");
        }
        result = MaskEvalJob.run(new MaskEvalJob.Request(checkpoint, images, out, rest), loader);
        System.out.print(result.summary());
        return 0;
    }

    /**
     * {@code 0.05,0.1} → {@code [0.05,0.1]}, each value checked.
     *
     * @throws IllegalArgumentException naming a value that is not a number in [0, 1)
     */
    static String ratioList(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.replace("[", "").replace("]", "").split(",")) {
            if (s.isBlank()) {
                continue;
            }
            double r;
            try {
                r = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ratios=" + value + ": '" + s.trim() + "' is not a number");
            }
            DropPlan.checkRatio(r);
            out.add(s.trim());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("ratios= is empty; e.g. ratios=0.05,0.1,0.2,0.3,0.4");
        }
        return "[" + String.join(",", out) + "]";
    }
}
