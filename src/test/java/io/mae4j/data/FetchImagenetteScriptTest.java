package io.mae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code datasets/fetch_imagenette.sh} offline against a tiny fake {@code imagenette2-160.tgz}
 * served from a {@code file://} URL (10 WordNet-id classes, 2 train + 1 val PNG each).
 */
class FetchImagenetteScriptTest {

    private static final Path SCRIPT = Path.of("datasets/fetch_imagenette.sh").toAbsolutePath();
    private static final List<String> WNIDS = List.copyOf(ImageNetteNames.all().keySet()).stream().sorted().toList();

    @TempDir
    Path tmp;

    private Path server;
    private String md5;

    /** Exit code and merged output of one script run. */
    private record Run(int code, String output) {}

    @BeforeAll
    static void toolsPresent() {
        assumeTrue(Files.isRegularFile(SCRIPT), "script not found at " + SCRIPT);
        for (String tool : new String[] {"bash", "curl", "tar", "md5sum"}) {
            assumeTrue(onPath(tool), tool + " is not installed; skipping the fetch script test");
        }
        OpenCvLoader.ensure();
    }

    private static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @BeforeEach
    void buildFakeArchive() throws Exception {
        Path src = tmp.resolve("src/imagenette2-160");
        for (int c = 0; c < WNIDS.size(); c++) {
            for (int i = 0; i < 2; i++) {
                TestImages.solidPng(src.resolve("train/" + WNIDS.get(c) + "/img" + i + ".png"), 4, 4, c, i, 0);
            }
            TestImages.solidPng(src.resolve("val/" + WNIDS.get(c) + "/v.png"), 4, 4, c, 9, 0);
        }
        server = Files.createDirectories(tmp.resolve("server"));
        Process tar = new ProcessBuilder("tar", "-czf", server.resolve("imagenette2-160.tgz").toString(),
                "-C", tmp.resolve("src").toString(), "imagenette2-160").redirectErrorStream(true).start();
        assertTrue(tar.waitFor(30, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar failed");
        md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(Files.readAllBytes(server.resolve("imagenette2-160.tgz"))));
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "bash";
        cmd[1] = SCRIPT.toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("IMAGENETTE_BASE_URL", server.toUri().toString().replaceAll("/$", ""));
        pb.environment().put("IMAGENETTE_EXPECTED_MD5", md5);
        pb.environment().put("IMAGENETTE_EXPECTED_TRAIN", "20");
        pb.environment().put("IMAGENETTE_EXPECTED_VAL", "10");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script hung");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void extractsVerifiedArchiveAndIsIdempotent() throws Exception {
        Path dest = tmp.resolve("dest");
        Run r = run(Map.of(), "160", dest.toString());
        assertEquals(0, r.code(), r.output());
        assertEquals(List.of("imagenette2-160"), names(dest)); // no temp folder, archive removed
        ImageFolderDataset train = ImageFolderDataset.open(dest.resolve("imagenette2-160"), "train");
        assertEquals(20, train.size());
        assertEquals("tench", train.classNames().get(0));
        assertEquals("parachute", train.classNames().get(9));
        assertEquals(10, ImageFolderDataset.open(dest.resolve("imagenette2-160"), "val").size());

        Files.delete(server.resolve("imagenette2-160.tgz")); // a second run must not need the server
        Run again = run(Map.of(), "160", dest.toString());
        assertEquals(0, again.code(), again.output());
        assertTrue(again.output().contains("already present"), again.output());
    }

    @Test
    void resumesPartialDownload() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        byte[] full = Files.readAllBytes(server.resolve("imagenette2-160.tgz"));
        Files.write(dest.resolve("imagenette2-160.tgz.part"), Arrays.copyOf(full, full.length / 2));
        Run r = run(Map.of(), "160", dest.toString());
        assertEquals(0, r.code(), r.output());
        assertTrue(Files.isDirectory(dest.resolve("imagenette2-160/val/n01440764")));
    }

    @Test
    void corruptArchiveIsRejected() throws Exception {
        Path archive = server.resolve("imagenette2-160.tgz");
        byte[] full = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(full, full.length / 2));
        Path dest = tmp.resolve("dest");
        Run r = run(Map.of("IMAGENETTE_EXPECTED_MD5", ""), "160", dest.toString()); // only tar can notice
        assertNotEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("corrupt or truncated"), r.output());
        assertEquals(List.of(), names(dest)); // nothing extracted, bad archive deleted
    }

    @Test
    void checksumAndCountMismatchesAreRejected() throws Exception {
        Path dest = tmp.resolve("dest");
        Run badMd5 = run(Map.of("IMAGENETTE_EXPECTED_MD5", "0".repeat(32)), "160", dest.toString());
        assertNotEquals(0, badMd5.code());
        assertTrue(badMd5.output().contains("MD5 " + md5), badMd5.output());
        Run badCount = run(Map.of("IMAGENETTE_EXPECTED_TRAIN", "9469"), "160", dest.toString());
        assertNotEquals(0, badCount.code());
        assertTrue(badCount.output().contains("20 training images, expected 9469"), badCount.output());
        assertFalse(Files.exists(dest.resolve("imagenette2-160")));
        Run usage = run(Map.of(), "999");
        assertNotEquals(0, usage.code());
        assertTrue(usage.output().contains("160 or 320"), usage.output());
    }
}
