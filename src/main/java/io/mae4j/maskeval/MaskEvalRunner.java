package io.mae4j.maskeval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mae4j.analysis.AnalysisSettings;
import io.mae4j.analysis.AttendedShares;
import io.mae4j.analysis.InterrelationAnalyzer;
import io.mae4j.analysis.ProbeImage;
import io.mae4j.analysis.ProbeSet;
import io.mae4j.classify.PatchClassifier;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.SeedMix;
import io.mae4j.model.MaeConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs mask as prompt on labelled images, batch by batch: each image goes through the evaluation
 * transform (shorter side resized to img_size, centre crop) and SIFT ({@link ProbeSet}); θ̄ comes
 * once per image from the classifier's own encoder ({@link InterrelationAnalyzer}) and serves every
 * ratio; then the classifier predicts the image unmasked, with Top / Bottom drops at every ratio,
 * with R random drops per ratio ({@link RandomDrops}) and, when on, with the spurious finder's drop
 * set and its random non-keypoint control.
 */
public final class MaskEvalRunner {

    private final PatchClassifier classifier;
    private final MaskEvalSettings settings;
    private final AnalysisSettings analysis;
    private final float[] mean;
    private final float[] std;

    /**
     * @param classifier the model under test (its backbone gives θ̄)
     * @param settings mask_eval settings
     * @param analysis analysis settings (γ, layers, SIFT, batch size of the θ̄ pass)
     * @param mean data.mean
     * @param std data.std
     */
    public MaskEvalRunner(PatchClassifier classifier, MaskEvalSettings settings, AnalysisSettings analysis,
            float[] mean, float[] std) {
        this.classifier = classifier;
        this.settings = settings;
        this.analysis = analysis;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * Evaluates every image.
     *
     * @param images labelled images
     * @param manager where temporaries are made (one sub-manager per batch)
     * @param progress receives one line per batch
     */
    public MaskEvalRun run(EvalImages images, NDManager manager, Consumer<String> progress) {
        long t0 = System.nanoTime();
        MaeConfig cfg = classifier.backbone().config();
        int n = cfg.numPatches();
        int count = images.size();
        if (count == 0) {
            throw new IllegalArgumentException("mask-eval has no images to evaluate");
        }
        double[] ratios = settings.ratios();
        int[] nDrop = new int[ratios.length];
        for (int r = 0; r < ratios.length; r++) {
            nDrop[r] = DropPlan.count(ratios[r], n);
        }
        int reps = settings.repeats();
        int[] labels = new int[count];
        List<String> names = new ArrayList<>();
        int[] baseline = new int[count];
        int[][] top = new int[ratios.length][count];
        int[][] bottom = new int[ratios.length][count];
        int[][][] random = new int[ratios.length][reps][count];
        boolean spur = settings.spurious().enabled();
        SpuriousFinder finder = new SpuriousFinder(settings.spurious().thetaThreshold(),
                settings.spurious().minShare(), DropPlan.count(settings.spurious().maxDropRatio(), n));
        List<SpuriousFinder.Finding> findings = new ArrayList<>();
        List<SpuriousNull.ImageTest> tests = new ArrayList<>();
        int[] after = new int[count];
        int[] control = new int[count];
        List<MaskEvalRun.Shown> gallery = new ArrayList<>();
        List<MaskEvalRun.Shown> shown = new ArrayList<>();
        int[] allLabels = new int[count];
        for (int i = 0; i < count && settings.galleryImages() > 0; i++) {
            allLabels[i] = images.label(i);
        }
        List<Integer> picks = java.util.Arrays.stream(EvalImages.roundRobin(allLabels, settings.galleryImages()))
                .boxed().toList();
        PatchDropper dropper = new PatchDropper(classifier, settings.drop());
        InterrelationAnalyzer analyzer = new InterrelationAnalyzer(analysis);
        int side = cfg.imgSize();
        for (int start = 0; start < count; start += settings.batchSize()) {
            int b = Math.min(settings.batchSize(), count - start);
            List<DecodedImage> decoded = new ArrayList<>();
            List<String> batchNames = new ArrayList<>();
            for (int i = start; i < start + b; i++) {
                EvalImages.Item item = images.get(i);
                decoded.add(item.image());
                batchNames.add(item.name());
                labels[i] = item.label();
                names.add(item.name());
            }
            ProbeSet probes = ProbeSet.fromImages(decoded, batchNames, side, cfg.patchSize(), mean, std, analysis.sift());
            try (NDManager step = manager.newSubManager()) {
                AttendedShares shares = spur ? new AttendedShares(cfg, b, analysis) : null;
                float[][] theta = analyzer.analyze(classifier.backbone(), probes, step, shares).thetaBar(); // [B][N]
                NDArray imgs = probes.batch(step, 0, b); // (B, 3, H, W)
                System.arraycopy(dropper.predict(imgs, empty(b)), 0, baseline, start, b);
                List<ThetaOrder> orders = new ArrayList<>();
                for (int i = 0; i < b; i++) {
                    orders.add(ThetaOrder.of(theta[i], settings.seed(), start + i));
                }
                for (int r = 0; r < ratios.length; r++) {
                    List<int[]> t = new ArrayList<>();
                    List<int[]> bo = new ArrayList<>();
                    for (ThetaOrder o : orders) {
                        t.add(o.top(nDrop[r]));
                        bo.add(o.bottom(nDrop[r]));
                    }
                    System.arraycopy(dropper.predict(imgs, t), 0, top[r], start, b);
                    System.arraycopy(dropper.predict(imgs, bo), 0, bottom[r], start, b);
                    for (int k = 0; k < reps; k++) {
                        List<int[]> rd = new ArrayList<>();
                        for (int i = 0; i < b; i++) {
                            rd.add(RandomDrops.draw(n, nDrop[r], settings.seed(), start + i, k));
                        }
                        System.arraycopy(dropper.predict(imgs, rd), 0, random[r][k], start, b);
                    }
                }
                List<SpuriousFinder.Finding> batchFindings = new ArrayList<>();
                if (spur) {
                    float[][][] share = shares.shares(); // from the θ̄ pass: one encoder forward per batch
                    List<int[]> drops = new ArrayList<>();
                    List<int[]> controls = new ArrayList<>();
                    for (int i = 0; i < b; i++) {
                        SpuriousFinder.Finding f = finder.find(theta[i], probes.images().get(i).counts(), share[i]);
                        batchFindings.add(f);
                        tests.add(SpuriousNull.test(probes.images().get(i).counts(), share[i],
                                settings.spurious().nullDraws(), settings.seed(), start + i));
                        drops.add(f.drop());
                        SplittableRandom rng = new SplittableRandom(SeedMix.mix(settings.seed(), 0x5b0, start + i));
                        controls.add(RandomDrops.choose(SpuriousFinder.nonKeypoints(probes.images().get(i).counts()),
                                f.drop().length, rng));
                    }
                    findings.addAll(batchFindings);
                    System.arraycopy(dropper.predict(imgs, drops), 0, after, start, b);
                    System.arraycopy(dropper.predict(imgs, controls), 0, control, start, b);
                }
                for (int i = 0; i < b; i++) {
                    ProbeImage p = probes.images().get(i);
                    SpuriousFinder.Finding f = spur ? batchFindings.get(i) : null;
                    MaskEvalRun.Shown s = new MaskEvalRun.Shown(start + i, p.name(), p.input(), theta[i], f);
                    if (picks.contains(start + i)) {
                        gallery.add(s);
                    }
                    if (spur && !f.flagged().isEmpty()) {
                        shown.add(s);
                    }
                }
                keepMostSignificant(shown, tests, settings.spurious().topImages());
            }
            progress.accept(String.format(java.util.Locale.ROOT, "mask-eval: %d / %d images", start + b, count));
        }
        gallery.sort(Comparator.comparingInt((MaskEvalRun.Shown s) -> picks.indexOf(s.index())));
        MaskEvalRun.SpuriousRun sr = spur ? significantOnly(findings, after, control, shown, tests,
                settings.spurious().fdr()) : null;
        return new MaskEvalRun(names, labels, classifier.classNames(), n, ratios, nDrop, reps, settings.drop(), baseline,
                top, bottom, random, gallery, sr, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Keeps the findings of the images the null flags (Benjamini–Hochberg at {@code fdr} over every image's
     * p-value); the others get an empty finding (no flag, no drop: the drop statistics leave them out).
     */
    static MaskEvalRun.SpuriousRun significantOnly(List<SpuriousFinder.Finding> raw, int[] after, int[] control,
            List<MaskEvalRun.Shown> shown, List<SpuriousNull.ImageTest> tests, double fdr) {
        double[] p = tests.stream().mapToDouble(SpuriousNull.ImageTest::p).toArray();
        boolean[] flag = SpuriousNull.benjaminiHochberg(p, fdr);
        List<SpuriousFinder.Finding> kept = new ArrayList<>();
        int withoutNull = 0;
        for (int i = 0; i < raw.size(); i++) {
            SpuriousFinder.Finding f = raw.get(i);
            withoutNull += f.flagged().isEmpty() ? 0 : 1;
            kept.add(flag[i] ? f : new SpuriousFinder.Finding(List.of(), new int[0], f.keypointPatches()));
        }
        List<MaskEvalRun.Shown> keptShown = new ArrayList<>(shown.stream().filter(s -> flag[s.index()]).toList());
        return new MaskEvalRun.SpuriousRun(kept, after, control, keptShown, tests, fdr, withoutNull);
    }

    /**
     * Keeps the {@code max} images with the smallest null p-value (ties: more flagged patches, then the
     * earlier image): the Benjamini–Hochberg discoveries are always the smallest p-values.
     */
    static void keepMostSignificant(List<MaskEvalRun.Shown> shown, List<SpuriousNull.ImageTest> tests, int max) {
        shown.sort(Comparator.comparingDouble((MaskEvalRun.Shown s) -> tests.get(s.index()).p())
                .thenComparingInt((MaskEvalRun.Shown s) -> -s.finding().flagged().size())
                .thenComparingInt(MaskEvalRun.Shown::index));
        while (shown.size() > max) {
            shown.remove(shown.size() - 1);
        }
    }

    private static List<int[]> empty(int b) {
        int[][] e = new int[b][0];
        return Arrays.asList(e);
    }
}
