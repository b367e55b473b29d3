package io.mae4j.report;

import io.mae4j.maskeval.MaskEvalRun;
import io.mae4j.maskeval.RandomDrops;
import io.mae4j.maskeval.SpuriousFinder;
import io.mae4j.maskeval.ThetaOrder;
import io.mae4j.tensorboard.ImageGrid;
import io.mae4j.tensorboard.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The pictures of a mask-eval run.
 * <ul>
 *   <li>gallery: per shown image (classes in turn) three rows (Top, Bottom, Random repeat 1), labelled
 *       with the image, its class and the mode; columns the input then the ratios, labelled with r and
 *       the patches dropped; dropped patches are solid grey, exactly the sets the classifier was given;
 *   <li>spurious: per shown image (most flagged patches first) the input, then the flagged keypoint
 *       patches tinted red and the non-keypoint patches they attend to (the drop set) tinted blue.
 * </ul>
 * Panels are enlarged to at least 96 pixels.
 */
public final class MaskEvalPictures {

    static final int MIN_PANEL = 96;
    static final int[] RED = {230, 30, 30};
    static final int[] BLUE = {30, 90, 230};

    private MaskEvalPictures() {}

    /**
     * The gallery, or null when no image is shown.
     *
     * @param patch model patch size in pixels
     * @param seed mask_eval.seed (re-draws the same sets the run used)
     */
    public static RgbImage gallery(MaskEvalRun run, int patch, long seed) {
        if (run.gallery().isEmpty()) {
            return null;
        }
        List<List<RgbImage>> rows = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        String[] modes = {"Top θ̄ dropped", "Bottom θ̄ dropped", "random dropped"};
        for (MaskEvalRun.Shown s : run.gallery()) {
            int label = run.labels()[s.index()];
            String cls = label >= 0 && label < run.classNames().size() ? run.classNames().get(label) : "?";
            for (String m : modes) {
                rowLabels.add(s.name() + " (" + cls + "): " + m);
            }
            int f = PatchPictures.factorFor(s.input().width(), MIN_PANEL);
            RgbImage img = PatchPictures.scaled(s.input(), f);
            ThetaOrder order = ThetaOrder.of(s.theta(), seed, s.index());
            for (int mode = 0; mode < 3; mode++) {
                List<RgbImage> row = new ArrayList<>();
                row.add(img);
                for (int r = 0; r < run.ratios().length; r++) {
                    int d = run.nDrop()[r];
                    int[] drop = mode == 0 ? order.top(d) : mode == 1 ? order.bottom(d)
                            : RandomDrops.draw(run.patches(), d, seed, s.index(), 0);
                    row.add(PatchPictures.blend(img, drop, patch * f, PatchPictures.GREY, 1.0));
                }
                rows.add(row);
            }
        }
        List<String> columns = new ArrayList<>();
        columns.add("input");
        for (int r = 0; r < run.ratios().length; r++) {
            columns.add(String.format(java.util.Locale.ROOT, "r = %.2f (%d of %d)", run.ratios()[r], run.nDrop()[r],
                    run.patches()));
        }
        return LabelledTable.of(rows, rowLabels, columns, 2);
    }

    /** The spurious picture, or null when no image has flagged patches. */
    public static RgbImage spurious(MaskEvalRun run, int patch) {
        if (run.spurious() == null || run.spurious().shown().isEmpty()) {
            return null;
        }
        List<List<RgbImage>> rows = new ArrayList<>();
        for (MaskEvalRun.Shown s : run.spurious().shown()) {
            int f = PatchPictures.factorFor(s.input().width(), MIN_PANEL);
            RgbImage img = PatchPictures.scaled(s.input(), f);
            SpuriousFinder.Finding fi = s.finding();
            int[] flagged = fi.flagged().stream().mapToInt(SpuriousFinder.Flag::patch).toArray();
            RgbImage marked = PatchPictures.blend(img, flagged, patch * f, RED, 0.5);
            marked = PatchPictures.blend(marked, fi.drop(), patch * f, BLUE, 0.5);
            marked = PatchPictures.outline(marked, flagged, patch * f, RED);
            rows.add(List.of(img, marked));
        }
        return ImageGrid.table(rows, 2);
    }
}
