package io.mae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning, naming, subsets, fingerprint and corrupt-file handling of {@link ImageFolderDataset}. */
class ImageFolderDatasetTest {

    @TempDir
    Path root;

    @BeforeAll
    static void loadOpenCv() {
        OpenCvLoader.ensure();
    }

    private Path png(String rel, int value) throws Exception {
        return TestImages.solidPng(root.resolve(rel), 4, 4, value, value, value);
    }

    @Test
    void scansSortedClassesAndFilesWithImageNetteNames() throws Exception {
        png("train/n03888257/b.png", 1);
        png("train/n03888257/a.PNG", 2);
        png("train/n01440764/z.png", 3);
        png("train/my_class/c.png", 4);
        Files.writeString(root.resolve("train/my_class/notes.txt"), "ignored");
        png("train/my_class/.hidden.png", 5);
        Files.write(root.resolve("train/my_class/zero.jpg"), new byte[0]);
        png("train/loose.png", 6); // not inside a class folder: ignored

        ImageFolderDataset ds = ImageFolderDataset.open(root, "train");
        assertEquals(List.of("my_class", "n01440764", "n03888257"), ds.classFolders());
        assertEquals(List.of("my_class", "tench", "parachute"), ds.classNames());
        assertEquals(4, ds.size());
        assertEquals(List.of("c.png", "z.png", "a.PNG", "b.png"),
                IntStream.range(0, 4).mapToObj(i -> ds.path(i).getFileName().toString()).toList());
        assertEquals(List.of(0, 1, 2, 2), IntStream.range(0, 4).map(ds::label).boxed().toList());
        assertEquals(1, ds.zeroByteFiles());
        assertEquals(2, ds.load(2).image().get(0, 0, 0)); // a.PNG holds value 2
    }

    @Test
    void imageNetteNameTable() {
        assertEquals(10, ImageNetteNames.all().size());
        assertEquals("tench", ImageNetteNames.displayName("n01440764"));
        assertEquals("English springer", ImageNetteNames.displayName("n02102040"));
        assertEquals("cassette player", ImageNetteNames.displayName("n02979186"));
        assertEquals("chain saw", ImageNetteNames.displayName("n03000684"));
        assertEquals("church", ImageNetteNames.displayName("n03028079"));
        assertEquals("French horn", ImageNetteNames.displayName("n03394916"));
        assertEquals("garbage truck", ImageNetteNames.displayName("n03417042"));
        assertEquals("gas pump", ImageNetteNames.displayName("n03425413"));
        assertEquals("golf ball", ImageNetteNames.displayName("n03445777"));
        assertEquals("parachute", ImageNetteNames.displayName("n03888257"));
        assertEquals("cats", ImageNetteNames.displayName("cats"));
    }

    @Test
    void extensionsAreCaseInsensitive() {
        for (String ok : new String[] {"a.jpg", "a.JPEG", "a.Png", "a.bmp", "a.TIF", "a.tiff", "a.webp"}) {
            assertTrue(ImageFolderDataset.hasImageExtension(Path.of(ok)), ok);
        }
        for (String no : new String[] {"a.gif", "a.txt", "jpg", "a.jpg.bak"}) {
            assertTrue(!ImageFolderDataset.hasImageExtension(Path.of(no)), no);
        }
    }

    @Test
    void missingFoldersGiveActionableErrors() throws Exception {
        DatasetException noRoot = assertThrows(DatasetException.class,
                () -> ImageFolderDataset.open(root.resolve("nowhere"), "train"));
        assertTrue(noRoot.getMessage().contains("nowhere"), noRoot.getMessage());
        assertTrue(noRoot.getMessage().contains("synth") && noRoot.getMessage().contains("fetch_imagenette.sh"));
        png("train/a/x.png", 1);
        DatasetException noSplit = assertThrows(DatasetException.class, () -> ImageFolderDataset.open(root, "val"));
        assertTrue(noSplit.getMessage().contains(root.resolve("val").toAbsolutePath().toString()), noSplit.getMessage());
        Files.createDirectories(root.resolve("empty/c"));
        assertThrows(DatasetException.class, () -> ImageFolderDataset.open(root, "empty"));
    }

    @Test
    void maxImagesKeepsBalancedEvenlySpacedSubset() throws Exception {
        for (int i = 0; i < 10; i++) {
            png("train/a/" + i + ".png", i);
        }
        for (int i = 0; i < 2; i++) {
            png("train/b/" + i + ".png", 100 + i);
        }
        for (int i = 0; i < 6; i++) {
            png("train/c/" + i + ".png", 200 + i);
        }
        ImageFolderDataset ds = ImageFolderDataset.open(root, "train", 9);
        // quota round-robin: a 4, b 2 (all it has), c 3 -> 9; picks floor(k*n/q)
        List<String> got = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            got.add(ds.classFolders().get(ds.label(i)) + "/" + ds.path(i).getFileName());
        }
        assertEquals(List.of("a/0.png", "a/2.png", "a/5.png", "a/7.png", "b/0.png", "b/1.png",
                "c/0.png", "c/2.png", "c/4.png"), got);
        assertEquals(18, ImageFolderDataset.open(root, "train", 0).size());
        assertEquals(18, ImageFolderDataset.open(root, "train", 100).size());
    }

    @Test
    void fingerprintTracksFileChanges() throws Exception {
        Path a = png("train/a/0.png", 1);
        png("train/b/0.png", 2);
        String f1 = ImageFolderDataset.open(root, "train").fingerprint();
        assertEquals(64, f1.length());
        assertEquals(f1, ImageFolderDataset.open(root, "train").fingerprint());
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000));
        String f2 = ImageFolderDataset.open(root, "train").fingerprint();
        assertNotEquals(f1, f2);
        Files.write(a, Files.readAllBytes(png("tmp/other.png", 99)));
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000));
        assertNotEquals(f2, ImageFolderDataset.open(root, "train").fingerprint());
        png("train/b/1.png", 3);
        assertNotEquals(f2, ImageFolderDataset.open(root, "train").fingerprint());
    }

    @Test
    void corruptFilesAreSkippedCountedAndReplacedByNextIndex() throws Exception {
        png("train/a/0.png", 10);
        Files.writeString(root.resolve("train/a/1.png"), "garbage");
        Files.writeString(root.resolve("train/a/2.jpg"), "more garbage");
        png("train/a/3.png", 13);
        Files.createDirectories(root.resolve("train/b"));
        Files.writeString(root.resolve("train/b/9.png"), "bad"); // last index: wraps around to 0
        ImageFolderDataset ds = ImageFolderDataset.open(root, "train");
        assertEquals(5, ds.size());
        LoadedImage l1 = ds.load(1);
        assertEquals(3, l1.index());
        assertEquals(13, l1.image().get(0, 0, 0));
        assertEquals(0, l1.label());
        assertEquals(2, ds.skipLog().count());
        LoadedImage l4 = ds.load(4);
        assertEquals(0, l4.index());
        assertEquals(3, ds.skipLog().count());
        assertEquals(3, ds.load(2).index()); // known-bad files are not retried
        assertEquals(3, ds.skipLog().count());
        assertEquals(root.resolve("train/a/1.png"), ds.skipLog().entries().get(0).path());
        assertEquals(10, ds.load(0).image().get(0, 0, 0));
    }

    @Test
    void allCorruptIsAnError() throws Exception {
        Files.createDirectories(root.resolve("train/a"));
        Files.writeString(root.resolve("train/a/1.png"), "garbage");
        Files.writeString(root.resolve("train/a/2.png"), "garbage");
        ImageFolderDataset ds = ImageFolderDataset.open(root, "train");
        DatasetException e = assertThrows(DatasetException.class, () -> ds.load(0));
        assertTrue(e.getMessage().contains("None of the 2 images"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ds.load(2));
    }
}
