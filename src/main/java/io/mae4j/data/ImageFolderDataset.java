package io.mae4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dataset laid out as {@code root/<split>/<class>/<image>} (torchvision's ImageFolder layout).
 *
 * <ul>
 *   <li>Class folders are sorted by name; label = position in that order. ImageNette WordNet ids are
 *       shown with their readable names ({@link ImageNetteNames}); other folder names as they are.
 *   <li>Images: files ending in jpg, jpeg, png, bmp, tif, tiff or webp (any case), sorted by name
 *       within a class; hidden files (leading '.') and zero-byte files are skipped at scan time.
 *   <li>{@code maxImages > 0} keeps a deterministic, class-balanced subset: the cap is shared
 *       round-robin among the classes (a class with fewer files gives its unused share to the
 *       others), and each class keeps {@code q} files evenly spaced over its sorted list (file
 *       {@code floor(k * n / q)}, k = 0..q-1). Sample order is then class by class, file by file.
 *   <li>{@link #load} never throws for a corrupt file: the file goes into {@link #skipLog()} and the
 *       next index (cyclic) that decodes is returned instead.
 * </ul>
 */
public final class ImageFolderDataset implements ImageDataset {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderDataset.class);

    /** Recognised image extensions (lower case, without dot). */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp");

    private final Path root;
    private final String split;
    private final List<String> classFolders;
    private final List<String> classNames;
    private final List<Path> paths;
    private final int[] labels;
    private final int zeroByteFiles;
    private final SkipLog skipLog = new SkipLog();
    private volatile long maxPixels = ImageDecoder.DEFAULT_MAX_PIXELS;

    private ImageFolderDataset(Path root, String split, List<String> classFolders, List<Path> paths,
            int[] labels, int zeroByteFiles) {
        this.root = root;
        this.split = split;
        this.classFolders = List.copyOf(classFolders);
        this.classNames = classFolders.stream().map(ImageNetteNames::displayName).toList();
        this.paths = List.copyOf(paths);
        this.labels = labels;
        this.zeroByteFiles = zeroByteFiles;
    }

    /** Opens every image of {@code root/split}. */
    public static ImageFolderDataset open(Path root, String split) {
        return open(root, split, 0);
    }

    /**
     * Scans {@code root/split}.
     *
     * @param maxImages cap on the number of samples (class-balanced subset), 0 or less = no cap
     * @throws DatasetException when the root or split folder is missing, holds no class folder or no
     *     image, or cannot be listed
     */
    public static ImageFolderDataset open(Path root, String split, int maxImages) {
        Path splitDir = root.resolve(split);
        String hint = "Generate the synthetic set with `mae4j synth`, download ImageNette with "
                + "`datasets/fetch_imagenette.sh 160`, or point data.root at your own image folder "
                + "(layout root/<split>/<class>/<image>).";
        if (!Files.isDirectory(root)) {
            throw new DatasetException("Dataset folder " + root.toAbsolutePath() + " does not exist. " + hint);
        }
        if (!Files.isDirectory(splitDir)) {
            throw new DatasetException("Dataset folder " + root.toAbsolutePath() + " has no '" + split
                    + "' split (expected folder " + splitDir.toAbsolutePath() + "). " + hint);
        }
        try {
            List<String> classes = new ArrayList<>();
            for (Path d : list(splitDir)) {
                if (Files.isDirectory(d) && !hidden(d)) {
                    classes.add(d.getFileName().toString());
                }
            }
            Collections.sort(classes);
            if (classes.isEmpty()) {
                throw new DatasetException("No class folders in " + splitDir.toAbsolutePath()
                        + " (expected " + splitDir + "/<class>/<image>). " + hint);
            }
            List<List<Path>> perClass = new ArrayList<>();
            int zeroBytes = 0;
            for (String c : classes) {
                List<Path> files = new ArrayList<>();
                for (Path f : list(splitDir.resolve(c))) {
                    if (hidden(f) || !hasImageExtension(f) || !Files.isRegularFile(f)) {
                        continue;
                    }
                    if (Files.size(f) == 0) {
                        zeroBytes++;
                        LOG.warn("Skipping empty (0-byte) image file {}", f);
                        continue;
                    }
                    files.add(f);
                }
                files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
                if (files.isEmpty()) {
                    LOG.warn("Class folder {} holds no image", splitDir.resolve(c));
                }
                perClass.add(files);
            }
            List<Path> paths = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            int[] quota = quotas(perClass, maxImages);
            for (int c = 0; c < classes.size(); c++) {
                List<Path> files = perClass.get(c);
                int n = files.size();
                int q = quota[c];
                for (int k = 0; k < q; k++) {
                    paths.add(files.get((int) ((long) k * n / q)));
                    labels.add(c);
                }
            }
            if (paths.isEmpty()) {
                throw new DatasetException("No image files (" + String.join("/", EXTENSIONS.stream().sorted().toList())
                        + ") under " + splitDir.toAbsolutePath() + ". " + hint);
            }
            return new ImageFolderDataset(root, split, classes, paths,
                    labels.stream().mapToInt(Integer::intValue).toArray(), zeroBytes);
        } catch (IOException e) {
            throw new DatasetException("Cannot list " + splitDir.toAbsolutePath() + ": " + e, e);
        }
    }

    /** Per-class sample counts: everything, or the cap shared round-robin among classes. */
    static int[] quotas(List<List<Path>> perClass, int maxImages) {
        int[] q = new int[perClass.size()];
        long total = perClass.stream().mapToLong(List::size).sum();
        if (maxImages <= 0 || maxImages >= total) {
            for (int c = 0; c < q.length; c++) {
                q[c] = perClass.get(c).size();
            }
            return q;
        }
        int given = 0;
        while (given < maxImages) {
            for (int c = 0; c < q.length && given < maxImages; c++) {
                if (q[c] < perClass.get(c).size()) {
                    q[c]++;
                    given++;
                }
            }
        }
        return q;
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        }
        return out;
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    /** Whether the file name ends in one of {@link #EXTENSIONS}, ignoring case. */
    public static boolean hasImageExtension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public int size() {
        return paths.size();
    }

    @Override
    public Path path(int index) {
        return paths.get(index);
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    /** Class folder names (e.g. WordNet ids), indexed by label. */
    public List<String> classFolders() {
        return classFolders;
    }

    /** The dataset root given to {@link #open}. */
    public Path root() {
        return root;
    }

    /** The split folder name. */
    public String split() {
        return split;
    }

    /** Number of zero-byte image files skipped while scanning. */
    public int zeroByteFiles() {
        return zeroByteFiles;
    }

    /**
     * Sets the largest image (width × height, read from the file header) this dataset decodes
     * ({@code data.max_pixels}); larger ones are skipped like corrupt files. 0 or less = no limit.
     *
     * @return this dataset
     */
    public ImageFolderDataset maxPixels(long limit) {
        this.maxPixels = limit;
        return this;
    }

    /** The largest image decoded (width × height); 0 or less = no limit. */
    public long maxPixels() {
        return maxPixels;
    }

    /** The files that failed to decode so far (shared by all loaders of this dataset). */
    public SkipLog skipLog() {
        return skipLog;
    }

    @Override
    public LoadedImage load(int index) {
        int n = paths.size();
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("Sample index " + index + " outside 0.." + (n - 1));
        }
        String firstFailure = null;
        for (int k = 0; k < n; k++) {
            int i = (index + k) % n;
            Path p = paths.get(i);
            if (skipLog.contains(p)) {
                continue;
            }
            try {
                return new LoadedImage(i, p, labels[i], ImageDecoder.decode(p, maxPixels));
            } catch (CorruptImageException e) {
                skipLog.record(p, e.reason());
                if (firstFailure == null) {
                    firstFailure = e.getMessage();
                }
            }
        }
        throw new DatasetException("None of the " + n + " images under " + root.resolve(split).toAbsolutePath()
                + " could be decoded (" + (firstFailure != null ? "e.g. " + firstFailure : "all were skipped before")
                + "). Check the files or regenerate / re-download the dataset.");
    }

    /**
     * SHA-256 (lower-case hex) over, for each sample in index order, its path relative to the root
     * ('/'-separated), its size in bytes and its modification time in milliseconds, as the files are
     * now. Changes when a file is added, removed, rewritten or touched. A vanished file counts as
     * size -1, time -1.
     */
    public String fingerprint() {
        MessageDigest sha = sha256();
        for (Path p : paths) {
            long size = -1;
            long mtime = -1;
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                size = a.size();
                mtime = a.lastModifiedTime().toMillis();
            } catch (IOException e) {
                // vanished or unreadable: recorded as -1 / -1
            }
            String rel = root.relativize(p).toString().replace('\\', '/');
            sha.update((rel + '\0' + size + '\0' + mtime + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The fingerprint of two splits read together (training and validation): SHA-256 hex of
     * {@code a.fingerprint() + ":" + b.fingerprint()}, as recorded in a run's provenance.
     */
    public static String fingerprint(ImageFolderDataset a, ImageFolderDataset b) {
        return HexFormat.of().formatHex(sha256().digest((a.fingerprint() + ":" + b.fingerprint())
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
