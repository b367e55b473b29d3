package io.mae4j.cli;

import io.mae4j.app.AnalyzeJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code analyze checkpoint=<run | .ckpt | weights> [images=<folder | split>] [model=...]
 * [analysis.*=...]}: the paper's patch interrelation analysis of a trained encoder.
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Patch interrelation analysis (SIFT keypoints, theta_KK/NK, focus index, stages) of a trained encoder.",
            "checkpoint= a run folder (its last checkpoint), a .ckpt in <run>/checkpoints/, <run>/checkpoints (every"
                    + " epoch-NNNN.ckpt, then <run>/analysis/emergence.png), or a weights file"
                    + " (.pth/.npz/.safetensors, official MAE or timm names; choose its shape with model=...).",
            "images= a folder (of images, or of class folders) or a split name of data.root; default data.val_split.",
            "Writes report.json, per_layer.csv, per_head.csv, theta_bar.csv and PNG plots to"
                    + " <run>/analysis/<name>/ (run or .ckpt) or ./analysis/<name>/ (weights file).",
            "Example: analyze checkpoint=runs/quickstart/20250101-120000 images=val analysis.gamma=1.5"
        })
public class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "ARG",
            description = "checkpoint=PATH, images=FOLDER|SPLIT, then group=choice (weights only) and key=value")
    List<String> args = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "output folder name (default <checkpoint>_<images>)")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (overrides the default location)")
    Path out;

    /** The job's result, for tests. */
    AnalyzeJob.Result result;

    @Override
    public Integer call() throws Exception {
        Path checkpoint = null;
        String images = null;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("checkpoint=")) {
                checkpoint = Path.of(a.substring("checkpoint=".length()));
            } else if (a.startsWith("images=")) {
                images = a.substring("images=".length());
            } else {
                rest.add(a);
            }
        }
        if (checkpoint == null) {
            throw new IllegalArgumentException("analyze needs checkpoint=<run folder | .ckpt | weights file>");
        }
        if (java.nio.file.Files.isDirectory(checkpoint) && checkpoint.getFileName() != null
                && checkpoint.getFileName().toString().equals("checkpoints")) {
            // every epoch-NNNN.ckpt of a run, in epoch order: one analysis folder each, then the emergence picture
            List<Path> ckpts;
            try (var s = java.nio.file.Files.list(checkpoint)) {
                ckpts = s.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.ckpt")).sorted().toList();
            }
            if (ckpts.isEmpty()) {
                throw new IllegalArgumentException("checkpoint=" + checkpoint + " holds no epoch-NNNN.ckpt; keep them with"
                        + " train.keep_checkpoints (and train.checkpoint_every) when training");
            }
            for (Path ck : ckpts) {
                result = AnalyzeJob.run(new AnalyzeJob.Request(ck, images, null, null, rest));
                result.summary().forEach(System.out::println);
            }
            return 0;
        }
        result = AnalyzeJob.run(new AnalyzeJob.Request(checkpoint, images, name, out, rest));
        result.summary().forEach(System.out::println);
        return 0;
    }
}
