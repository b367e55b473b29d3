package io.mae4j.maskeval;

import io.mae4j.data.LoadedImage;
import io.mae4j.data.ImageFolderDataset;
import java.util.ArrayList;
import java.util.List;

/**
 * An image-folder split as {@link EvalImages}: dataset labels are mapped to the classifier's
 * labels by class name (the dataset's display name or its folder name), so a classifier trained
 * on another ordering or a superset of classes still scores correctly. Corrupt files are replaced
 * as {@link ImageFolderDataset#load} does.
 */
public final class DatasetImages implements EvalImages {

    private final ImageFolderDataset ds;
    private final int[] map;

    /**
     * @param ds the split
     * @param classifierClasses the classifier's class names, label order
     * @throws IllegalArgumentException naming a dataset class the classifier does not know
     */
    public DatasetImages(ImageFolderDataset ds, List<String> classifierClasses) {
        this.ds = ds;
        this.map = new int[ds.classNames().size()];
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < map.length; k++) {
            int byName = classifierClasses.indexOf(ds.classNames().get(k));
            int byFolder = classifierClasses.indexOf(ds.classFolders().get(k));
            map[k] = byName >= 0 ? byName : byFolder;
            if (map[k] < 0) {
                missing.add(ds.classFolders().get(k));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("classes " + missing + " of " + ds.root().resolve(ds.split())
                    + " are unknown to the classifier (it knows " + classifierClasses + "); evaluate it on the"
                    + " dataset it was trained for");
        }
    }

    @Override
    public int size() {
        return ds.size();
    }

    @Override
    public int label(int index) {
        return map[ds.label(index)];
    }

    /** The loaded sample (a corrupt file is replaced by the next one that decodes, with its own label). */
    @Override
    public Item get(int index) {
        LoadedImage li = ds.load(index);
        return new Item(li.path().getFileName().toString(), map[li.label()], li.image());
    }
}
