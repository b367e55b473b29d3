package io.mae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mae4j.util.EngineSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Order, determinism across thread counts, resume, drop_last, errors and shutdown of {@link BatchLoader}. */
class BatchLoaderTest {

    @TempDir
    static Path tmp;

    private static ImageFolderDataset dataset; // 3 classes x 6 = 18 images, 32 px
    private static final MaeTransform TRAIN = MaeTransform.train(TransformSettings.mae(16));

    @BeforeAll
    static void makeData() {
        SyntheticDataset.ensure(tmp.resolve("synth"), new SynthSpec(3, 6, 1, 32, false, 1));
        dataset = ImageFolderDataset.open(tmp.resolve("synth"), "train");
    }

    private static List<HostBatch> all(ImageDataset ds, int workers, int epoch, int batch, boolean dropLast, int start) {
        List<HostBatch> out = new ArrayList<>();
        try (BatchLoader l = BatchLoader.builder(ds, TRAIN).batchSize(batch).seed(42).epoch(epoch).dropLast(dropLast)
                .startBatch(start).numWorkers(workers).prefetch(2).build()) {
            l.forEachRemaining(out::add);
        }
        return out;
    }

    private static void assertSame(List<HostBatch> a, List<HostBatch> b) {
        assertEquals(a.size(), b.size());
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k).indices(), b.get(k).indices(), "batch " + k);
            assertArrayEquals(a.get(k).labels(), b.get(k).labels());
            assertArrayEquals(a.get(k).images(), b.get(k).images(), "batch " + k);
            assertEquals(a.get(k).geometries(), b.get(k).geometries());
            assertEquals(a.get(k).paths(), b.get(k).paths());
        }
    }

    @Test
    void identicalWhateverTheThreadCountAndOnRerun() {
        List<HostBatch> one = all(dataset, 1, 3, 4, false, 0);
        assertSame(one, all(dataset, 3, 3, 4, false, 0));
        assertSame(one, all(dataset, 0, 3, 4, false, 0));
        assertSame(one, all(dataset, 1, 3, 4, false, 0));
        List<HostBatch> otherEpoch = all(dataset, 1, 4, 4, false, 0);
        assertFalse(Arrays.equals(one.get(0).indices(), otherEpoch.get(0).indices()));
    }

    @Test
    void epochIsAPermutationInBatchesWithShortLast() {
        List<HostBatch> b = all(dataset, 2, 0, 4, false, 0);
        assertEquals(List.of(4, 4, 4, 4, 2), b.stream().map(HostBatch::size).toList());
        int[] seen = b.stream().flatMapToInt(h -> Arrays.stream(h.indices())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 18).toArray(), seen);
        assertFalse(Arrays.equals(IntStream.range(0, 4).toArray(), b.get(0).indices())); // shuffled
        HostBatch first = b.get(0);
        assertEquals(4 * 3 * 16 * 16, first.images().length);
        for (int k = 0; k < 4; k++) {
            assertEquals(dataset.label(first.indices()[k]), first.labels()[k]);
            assertEquals(dataset.path(first.indices()[k]), first.paths().get(k));
        }
        assertArrayEquals(BatchLoader.epochOrder(18, 42, 0, true), Arrays.copyOf(
                b.stream().flatMapToInt(h -> Arrays.stream(h.indices())).toArray(), 18)); // the loader's order
    }

    @Test
    void sampleUsesItsOwnSeededRandomStream() {
        HostBatch h = all(dataset, 2, 5, 4, false, 0).get(1);
        int index = h.indices()[2];
        TransformedImage t = TRAIN.apply(dataset.load(index).image(), new SplittableRandom(SeedMix.mix(42, 5, index)));
        float[] slot = Arrays.copyOfRange(h.images(), 2 * 768, 3 * 768);
        assertArrayEquals(t.chw(), slot);
        assertEquals(t.geometry(), h.geometries().get(2));
    }

    @Test
    void dropLastAndStartBatch() {
        List<HostBatch> dropped = all(dataset, 2, 1, 4, true, 0);
        assertEquals(4, dropped.size());
        assertTrue(dropped.stream().allMatch(h -> h.size() == 4));
        assertEquals(4, BatchLoader.batchesPerEpoch(18, 4, true));
        assertEquals(5, BatchLoader.batchesPerEpoch(18, 4, false));
        List<HostBatch> full = all(dataset, 2, 1, 4, false, 0);
        List<HostBatch> resumed = all(dataset, 2, 1, 4, false, 3);
        assertSame(full.subList(3, 5), resumed);
        assertEquals(0, all(dataset, 2, 1, 4, false, 5).size());
        assertThrows(IllegalArgumentException.class, () -> all(dataset, 2, 1, 4, false, 6));
        assertThrows(IllegalArgumentException.class, () -> BatchLoader.builder(dataset, TRAIN).batchSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> BatchLoader.builder(dataset, TRAIN).prefetch(0).build());
    }

    @Test
    void sequentialOrderForEvaluation() {
        MaeTransform eval = MaeTransform.eval(TransformSettings.mae(16));
        try (BatchLoader l = BatchLoader.builder(dataset, eval).batchSize(5).shuffle(false).numWorkers(2).build()) {
            assertEquals(4, l.numBatches());
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, l.next().indices());
            assertEquals(1, l.nextBatchIndex());
            assertArrayEquals(new int[] {5, 6, 7, 8, 9}, l.next().indices());
        }
    }

    @Test
    void corruptFileIsReplacedAndBatchKeepsItsSize() throws Exception {
        Path root = tmp.resolve("withbad");
        SyntheticDataset.ensure(root, new SynthSpec(2, 4, 1, 32, false, 2));
        Path bad = root.resolve("train/circle/00001.png");
        Files.writeString(bad, "not a png");
        ImageFolderDataset ds = ImageFolderDataset.open(root, "train");
        int badIndex = IntStream.range(0, ds.size()).filter(i -> ds.path(i).equals(bad)).findFirst().orElseThrow();
        List<HostBatch> b = all(ds, 2, 0, 8, false, 0);
        assertEquals(1, b.size());
        assertEquals(8, b.get(0).size());
        int[] idx = b.get(0).indices();
        assertFalse(Arrays.stream(idx).anyMatch(i -> i == badIndex));
        assertEquals(2, Arrays.stream(idx).filter(i -> i == badIndex + 1).count()); // its own slot + the replacement
        assertEquals(1, ds.skipLog().count());
        assertEquals(bad, ds.skipLog().entries().get(0).path());
    }

    @Test
    void workerFailureSurfacesInConsumer() {
        ImageDataset failing = new ImageDataset() {
            @Override public int size() { return dataset.size(); }
            @Override public Path path(int i) { return dataset.path(i); }
            @Override public int label(int i) { return dataset.label(i); }
            @Override public List<String> classNames() { return dataset.classNames(); }
            @Override public LoadedImage load(int i) {
                if (i == 7) {
                    throw new IllegalStateException("boom at 7");
                }
                return dataset.load(i);
            }
        };
        for (int workers : new int[] {0, 3}) {
            assertFailsAtSeven(failing, workers);
        }
    }

    private static void assertFailsAtSeven(ImageDataset failing, int workers) {
        BatchLoader l = BatchLoader.builder(failing, TRAIN).batchSize(3).seed(9).numWorkers(workers).build();
        DatasetException e = assertThrows(DatasetException.class, () -> {
            while (l.hasNext()) {
                l.next();
            }
        });
        assertTrue(e.getMessage().contains("sample 7"), e.getMessage());
        assertEquals("boom at 7", e.getCause().getMessage());
        assertFalse(l.hasNext()); // closed itself
        l.close();
    }

    /**
     * Promptness without a wall-clock bound: the transform blocks until it is interrupted, so a close
     * that waited for running work instead of interrupting it would leave both workers alive (close
     * gives up after its own 5 s) and the interrupt count at 0. The 60 s limits only turn a hang into
     * a failure; they are no timing claim.
     */
    @Test
    void closeStopsWorkersPromptly() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        AtomicInteger interrupted = new AtomicInteger();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        CountDownLatch never = new CountDownLatch(1);
        ImageTransform blocking = new ImageTransform() {
            @Override public int outputSize() { return 16; }
            @Override public TransformedImage apply(DecodedImage image, SplittableRandom rng) {
                workers.add(Thread.currentThread());
                entered.countDown();
                try {
                    never.await(); // only an interrupt ends this
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
                return TRAIN.apply(image, rng);
            }
        };
        BatchLoader l = BatchLoader.builder(dataset, blocking).batchSize(4).numWorkers(2).prefetch(2).build();
        assertTrue(entered.await(60, TimeUnit.SECONDS), "both workers should start a sample");
        assertEquals(2, workers.size());
        assertTimeoutPreemptively(Duration.ofSeconds(60), l::close, "close hangs");
        for (Thread t : workers) {
            t.join(60_000);
            assertFalse(t.isAlive(), t.getName() + " still runs after close");
        }
        assertEquals(2, interrupted.get(), "close must interrupt the running samples, not wait for them");
        assertFalse(l.hasNext());
    }

    @Test
    void toNDArrayHasBatchShape() {
        EngineSetup.start(2, 1);
        HostBatch h = all(dataset, 2, 0, 4, false, 0).get(0);
        assertEquals(16, h.height());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = h.toNDArray(m); // (B, 3, H, W)
            assertEquals(new Shape(4, 3, 16, 16), x.getShape());
            assertArrayEquals(h.images(), x.toFloatArray());
            assertEquals(h.images()[768 + 256 + 17], x.getFloat(1, 1, 1, 1));
        }
    }

    @Test
    void seedMixIsOrderSensitiveAndStable() {
        assertEquals(SeedMix.mix(1, 2), SeedMix.mix(1, 2));
        assertNotEquals(SeedMix.mix(1, 2), SeedMix.mix(2, 1));
        assertNotEquals(SeedMix.mix(1, 2), SeedMix.mix(1, 2, 0));
        assertNotEquals(SeedMix.mix(0), SeedMix.mix(0, 0));
    }
}
