package io.mae4j.cache;

import io.mae4j.util.Sha256;

import io.mae4j.data.CorruptImageException;
import io.mae4j.data.DecodedImage;
import io.mae4j.data.ImageDecoder;
import io.mae4j.data.ImageFolderDataset;
import io.mae4j.mask.ImageScores;
import io.mae4j.sift.Keypoint;
import io.mae4j.sift.ModelViewKeypoints;
import io.mae4j.sift.SiftDetector;
import io.mae4j.util.ProcessLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds (or resumes) a θ score cache: decode + SIFT + score on {@code workers} threads, entries
 * committed on the caller thread every {@code commit_every} images, one transaction each. Images
 * already in the file are not recomputed; corrupt images are recorded in the {@code skipped} table
 * with their reason and counted. A file whose header does not match (other dataset fingerprint,
 * scorer or settings) is emptied and rebuilt.
 */
public final class CacheBuilder {

    private final ImageFolderDataset dataset;
    private final Scorer scorer;
    private final CacheSettings settings;
    private int abortAfter = -1;

    /** A build for one dataset split. */
    public CacheBuilder(ImageFolderDataset dataset, Scorer scorer, CacheSettings settings) {
        this.dataset = dataset;
        this.scorer = scorer;
        this.settings = settings;
    }

    /**
     * Test hook simulating a crash: once at least {@code entries} new images were committed the build
     * throws {@link BuildAbortedException}, dropping the batch it was collecting and the work in flight.
     */
    public CacheBuilder abortAfter(int entries) {
        this.abortAfter = entries;
        return this;
    }

    /** The default file: {@code <root>/.mae4j-cache/<split>-<scorer>-<hash>.sqlite}. */
    public static Path defaultFile(Path root, String split, Scorer scorer, CacheSettings s) {
        String hash = Sha256.hex(scorer.fingerprint() + "\n" + s.canonical()).substring(0, 12);
        return root.resolve(".mae4j-cache").resolve(split + "-" + scorer.name() + "-" + hash + ".sqlite");
    }

    /** The header this build writes (created = now). */
    public CacheHeader expectedHeader(String command) {
        return new CacheHeader(CacheStore.FORMAT_VERSION, dataset.split(), dataset.root().toString(),
                dataset.fingerprint(), dataset.size(), scorer.name(), scorer.fingerprint(), settings.canonical(),
                settings.gridSize(), Instant.now().toString(), command);
    }

    /**
     * Builds or resumes the cache in {@code file}.
     *
     * @param command the command line recorded in the header as the rebuild hint
     * @param progress receives progress (bar or log lines)
     */
    public BuildResult build(Path file, String command, BuildProgress progress) throws IOException {
        long t0 = System.nanoTime();
        CacheHeader want = expectedHeader(command);
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        // one build per file: a second one would insert the same rows (SQLITE_CONSTRAINT_PRIMARYKEY)
        try (ProcessLock lock = ProcessLock.acquire(file.resolveSibling(file.getFileName() + ".lock"),
                "θ score cache " + file, "another cache build is writing it; wait for it to end, then run this"
                        + " command again (a stopped build resumes where it left off)");
                CacheStore store = CacheStore.open(file)) {
            CacheHeader have = store.header();
            String diff = have == null ? null : HeaderCheck.differences(have, want);
            if (have == null || !diff.isEmpty()) {
                if (have != null) {
                    progress.message("rebuilding " + file + " from scratch: " + diff);
                }
                store.reset(want);
            }
            Set<String> done = store.donePaths();
            List<Integer> todo = new ArrayList<>();
            for (int i = 0; i < dataset.size(); i++) {
                if (!done.contains(relative(dataset.path(i)))) {
                    todo.add(i);
                }
            }
            int already = dataset.size() - todo.size();
            progress.start(dataset.size(), already);
            int written = 0;
            int skippedNow = 0;
            ExecutorService pool = Executors.newFixedThreadPool(settings.workers(), r -> {
                Thread t = new Thread(r, "cache-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                SiftDetector sift = new SiftDetector(settings.sift());
                Deque<Future<Item>> window = new ArrayDeque<>();
                int next = 0;
                int windowSize = Math.max(4 * settings.workers(), settings.commitEvery());
                List<Item> batch = new ArrayList<>();
                Map<String, String> skipped = new LinkedHashMap<>();
                while (next < todo.size() || !window.isEmpty()) {
                    while (next < todo.size() && window.size() < windowSize) {
                        Path p = dataset.path(todo.get(next++));
                        window.add(pool.submit(() -> compute(p, sift)));
                    }
                    Item item = await(window.poll());
                    if (item.skipReason() == null) {
                        batch.add(item);
                    } else {
                        skipped.put(item.path(), item.skipReason());
                        progress.message("skipped " + item.path() + ": " + item.skipReason());
                    }
                    progress.step();
                    boolean last = next >= todo.size() && window.isEmpty();
                    if (batch.size() + skipped.size() >= settings.commitEvery() || last) {
                        if (abortAfter >= 0 && written + batch.size() > abortAfter) {
                            throw new BuildAbortedException(written);
                        }
                        store.commit(finish(batch), skipped);
                        written += batch.size();
                        skippedNow += skipped.size();
                        batch.clear();
                        skipped.clear();
                    }
                }
            } finally {
                pool.shutdownNow();
                progress.close();
            }
            return new BuildResult(file, dataset.size(), already, written, skippedNow, store.skipped().size(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private Item compute(Path p, SiftDetector sift) {
        String rel = relative(p);
        DecodedImage img;
        try {
            img = ImageDecoder.decode(p);
        } catch (CorruptImageException e) {
            return new Item(rel, 0, 0, null, null, null, null, e.reason());
        }
        List<Keypoint> norm = ModelViewKeypoints.normalized(sift, img, settings.siftSide());
        int k = norm.size();
        float[] xy = new float[2 * k];
        float[] sizes = new float[k];
        float[] responses = new float[k];
        for (int i = 0; i < k; i++) {
            Keypoint kp = norm.get(i);
            xy[2 * i] = (float) kp.x();
            xy[2 * i + 1] = (float) kp.y();
            sizes[i] = (float) kp.size();
            responses[i] = (float) kp.response();
        }
        return new Item(rel, img.width(), img.height(), xy, sizes, responses,
                scorer.prepare(img, norm, settings.gridSize()), null);
    }

    private List<CacheEntry> finish(List<Item> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<Scorer.Prepared> prepared = new ArrayList<>(batch.size());
        for (Item it : batch) {
            prepared.add(it.prepared());
        }
        float[][] theta = scorer.finish(prepared);
        List<CacheEntry> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Item it = batch.get(i);
            out.add(new CacheEntry(it.path(), it.width(), it.height(),
                    new ImageScores(settings.gridSize(), theta[i], it.xy(), it.sizes(), it.responses())));
        }
        return out;
    }

    private static Item await(Future<Item> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("cache build interrupted; run it again to resume", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cache worker failed: " + c, c);
        }
    }

    private String relative(Path p) {
        return dataset.root().relativize(p).toString().replace('\\', '/');
    }

    private record Item(String path, int width, int height, float[] xy, float[] sizes, float[] responses,
            Scorer.Prepared prepared, String skipReason) {}
}
