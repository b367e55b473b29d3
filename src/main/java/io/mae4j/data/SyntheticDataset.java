package io.mae4j.data;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Generates the synthetic shapes dataset: {@code root/train/<class>/<i>.png},
 * {@code root/val/<class>/<i>.png} ({@code i} zero-padded to 5 digits) and {@code root/synth.json}
 * (the {@link SynthSpec}). Classes are shapes (see {@link SynthPainter}); each image gets its own
 * random stream {@code SeedMix.mix(seed, split, class, i)} (split 0 = train, 1 = val), so the output
 * is identical byte for byte for the same spec. Generation writes into a hidden sibling folder and
 * renames it to {@code root} at the end, so an interrupted run leaves no half-made dataset.
 */
public final class SyntheticDataset {

    /** Name of the spec file in the dataset root. */
    public static final String SPEC_FILE = "synth.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** Share of spurious-background training images whose background hue follows their class. */
    static final double SPURIOUS_SHARE = 0.9;

    private final SynthSpec spec;

    /** @param spec what to generate */
    public SyntheticDataset(SynthSpec spec) {
        this.spec = spec;
    }

    /** The spec. */
    public SynthSpec spec() {
        return spec;
    }

    /** Class folder names in generator order (class c has hue c/classes when spurious). */
    public static String className(int c, int classes) {
        return SynthPainter.className(c, classes);
    }

    /**
     * Generates the dataset into {@code root}, which must not exist or be an empty folder.
     *
     * @throws DatasetException when root is not empty or cannot be written
     */
    public void generate(Path root) {
        Path abs = root.toAbsolutePath();
        if (Files.exists(abs) && !isEmptyDir(abs)) {
            throw new DatasetException("Cannot generate the synthetic dataset into " + abs
                    + ": the folder is not empty. Delete it or set data.root to another folder.");
        }
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        try {
            Files.createDirectories(tmp);
            for (int split = 0; split < 2; split++) {
                int perClass = split == 0 ? spec.trainPerClass() : spec.valPerClass();
                for (int c = 0; c < spec.classes(); c++) {
                    Path dir = Files.createDirectories(tmp.resolve(split == 0 ? "train" : "val")
                            .resolve(className(c, spec.classes())));
                    for (int i = 0; i < perClass; i++) {
                        DecodedImage img = render(split, c, i);
                        Files.write(dir.resolve(String.format("%05d.png", i)), encodePng(img));
                    }
                }
            }
            Files.writeString(tmp.resolve(SPEC_FILE), GSON.toJson(spec) + "\n", StandardCharsets.UTF_8);
            if (Files.exists(abs)) {
                Files.delete(abs); // empty, checked above
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DatasetException("Cannot write the synthetic dataset to " + abs + ": " + e, e);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Renders image {@code i} of class {@code c} in split 0 (train) or 1 (val), without writing it.
     */
    public DecodedImage render(int split, int c, int i) {
        return render(split, c, i, null);
    }

    /** As {@link #render(int, int, int)}, also filling {@code objectMask} ((H, W), true on the shape) if given. */
    DecodedImage render(int split, int c, int i, boolean[] objectMask) {
        SplittableRandom rng = new SplittableRandom(SeedMix.mix(spec.seed(), split, c, i));
        int shapes = SynthPainter.SHAPES.size();
        int shape = c % shapes;
        int texture = spec.classes() <= shapes ? rng.nextInt(SynthPainter.TEXTURES.size()) : c / shapes;
        double hue;
        if (split == 0 && spec.spuriousBackground() && rng.nextDouble() < SPURIOUS_SHARE) {
            hue = (double) c / spec.classes() + 0.02 * (rng.nextDouble() - 0.5);
        } else {
            hue = rng.nextDouble();
        }
        return SynthPainter.paint(spec.imageSize(), shape, texture, hue, rng, objectMask, spec.look());
    }

    /**
     * Makes sure {@code root} holds the dataset of {@code spec}: generates it when the folder is absent
     * (or empty), does nothing when its {@code synth.json} equals the spec.
     *
     * @return true when it was generated now
     * @throws DatasetException when the folder holds a dataset of another spec, or files without a
     *     synth.json
     */
    public static boolean ensure(Path root, SynthSpec spec) {
        Path abs = root.toAbsolutePath();
        Path specFile = abs.resolve(SPEC_FILE);
        if (Files.isRegularFile(specFile)) {
            SynthSpec existing = readSpec(specFile);
            if (existing.equals(spec)) {
                return false;
            }
            throw new DatasetException("The synthetic dataset in " + abs + " was generated with " + existing
                    + " but " + spec + " is requested. Delete " + abs + " to regenerate it, or set data.root "
                    + "to another folder.");
        }
        if (Files.exists(abs) && !isEmptyDir(abs)) {
            throw new DatasetException(abs + " exists but has no " + SPEC_FILE + " (not a synthetic dataset). "
                    + "Delete it or set data.root to another folder.");
        }
        new SyntheticDataset(spec).generate(abs);
        return true;
    }

    /** Reads a {@code synth.json}. */
    public static SynthSpec readSpec(Path specFile) {
        try {
            SynthSpec s = GSON.fromJson(Files.readString(specFile, StandardCharsets.UTF_8), SynthSpec.class);
            if (s == null) {
                throw new DatasetException(specFile + " is empty. Delete the synthetic folder to regenerate it.");
            }
            // sets written before data.synth.style existed have no "style": the record reads it as shapes
            return new SynthSpec(s.classes(), s.trainPerClass(), s.valPerClass(), s.imageSize(),
                    s.spuriousBackground(), s.seed(), s.style()); // re-validates
        } catch (IOException | JsonParseException | IllegalArgumentException e) {
            throw new DatasetException("Cannot read " + specFile + ": " + e.getMessage()
                    + ". Delete the synthetic folder to regenerate it.", e);
        }
    }

    private static byte[] encodePng(DecodedImage img) {
        Mat rgb = img.toMat();
        Mat bgr = new Mat();
        MatOfByte buf = new MatOfByte();
        try {
            Imgproc.cvtColor(rgb, bgr, Imgproc.COLOR_RGB2BGR);
            if (!Imgcodecs.imencode(".png", bgr, buf)) {
                throw new IllegalStateException("OpenCV failed to encode a PNG");
            }
            return buf.toArray();
        } finally {
            buf.release();
            bgr.release();
            rgb.release();
        }
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
            return !ds.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover hidden temp folder is harmless
        }
    }

    /**
     * Generates the set a run's {@code data} section describes when {@code data.kind = synthetic}
     * and it is not there yet; does nothing for other kinds.
     */
    public static void ensureFor(com.typesafe.config.Config data) {
        if (data.getString("kind").equals("synthetic")) {
            ensure(java.nio.file.Path.of(data.getString("root")), SynthSpec.from(data.getConfig("synth")));
        }
    }
}
