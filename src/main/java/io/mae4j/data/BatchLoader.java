package io.mae4j.data;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Iterates over one epoch of a dataset in batches, decoding and transforming on worker threads.
 *
 * <ul>
 *   <li>Order: a Fisher–Yates shuffle of 0..n-1 driven by {@code new SplittableRandom(SeedMix.mix(seed,
 *       epoch))}, or 0..n-1 when {@code shuffle} is off. Batch k holds positions [k·B, (k+1)·B); the
 *       last, short batch is dropped when {@code dropLast}. Iteration starts at {@code startBatch}
 *       (resuming an epoch: the batches are the same as in a full pass).
 *   <li>Sample randomness: {@code new SplittableRandom(SeedMix.mix(seed, epoch, index))} with the
 *       requested dataset index, so every batch is bit-identical whatever {@code numWorkers}.
 *   <li>Threads: {@code numWorkers} daemon threads work on samples; at most {@code prefetch} batches
 *       are in flight ahead of the consumer; batches come out in order. {@code numWorkers = 0} runs
 *       everything in the calling thread.
 *   <li>A failure in a worker is rethrown by {@link #next()} as a {@link DatasetException} naming the
 *       sample, and the loader closes itself. {@link #close()} cancels pending work and stops the
 *       threads (interrupting them).
 * </ul>
 */
public final class BatchLoader implements Iterator<HostBatch>, AutoCloseable {

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final ImageDataset dataset;
    private final ImageTransform transform;
    private final int batchSize;
    private final long seed;
    private final int epoch;
    private final int[] order;
    private final int numBatches;
    private final int prefetch;
    private final ExecutorService pool;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private int nextToSubmit;
    private int nextToDeliver;
    private volatile boolean closed;

    /** Work submitted for one batch. */
    private record Pending(int batch, float[] images, int[] labels, int[] indices, CropGeometry[] geometries,
            Path[] paths, List<Future<?>> futures) {}

    BatchLoader(BatchLoaderBuilder b) {
        this.dataset = b.dataset;
        this.transform = b.transform;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.epoch = b.epoch;
        this.order = epochOrder(dataset.size(), seed, epoch, b.shuffle);
        this.numBatches = batchesPerEpoch(dataset.size(), batchSize, b.dropLast);
        if (b.startBatch < 0 || b.startBatch > numBatches) {
            throw new IllegalArgumentException("startBatch " + b.startBatch + " outside 0.." + numBatches
                    + " (this epoch has " + numBatches + " batches)");
        }
        this.prefetch = b.prefetch;
        this.nextToSubmit = b.startBatch;
        this.nextToDeliver = b.startBatch;
        this.pool = b.numWorkers == 0 ? null : Executors.newFixedThreadPool(b.numWorkers, daemonThreads());
        if (pool != null) {
            fill();
        }
    }

    /**
     * Starts a builder. Defaults: batch size 1, seed 0, epoch 0, shuffle on, dropLast off, startBatch 0,
     * 2 workers, prefetch 2.
     */
    public static BatchLoaderBuilder builder(ImageDataset dataset, ImageTransform transform) {
        return new BatchLoaderBuilder(dataset, transform);
    }

    /** The sample order of an epoch: a seeded Fisher–Yates shuffle of 0..n-1, or 0..n-1 itself. */
    public static int[] epochOrder(int n, long seed, int epoch, boolean shuffle) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        if (shuffle) {
            SeedMix.shuffle(order, new SplittableRandom(SeedMix.mix(seed, epoch)));
        }
        return order;
    }

    /** Number of batches in one epoch of n samples. */
    public static int batchesPerEpoch(int n, int batchSize, boolean dropLast) {
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Batches in the whole epoch (including any skipped by startBatch). */
    public int numBatches() {
        return numBatches;
    }

    /** Index within the epoch of the batch {@link #next()} will return. */
    public int nextBatchIndex() {
        return nextToDeliver;
    }

    @Override
    public boolean hasNext() {
        return !closed && nextToDeliver < numBatches;
    }

    @Override
    public HostBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException(closed ? "BatchLoader is closed" : "Epoch finished");
        }
        Pending p;
        if (pool == null) {
            p = prepare(nextToSubmit++);
            for (int k = 0; k < p.labels.length; k++) {
                try {
                    runSample(p, k);
                } catch (RuntimeException | Error e) {
                    throw failure(p, k, e);
                }
            }
        } else {
            fill();
            p = pending.poll();
            fill();
            await(p);
        }
        nextToDeliver++;
        return new HostBatch(p.images, p.labels, p.indices, List.of(p.geometries), List.of(p.paths));
    }

    private void await(Pending p) {
        for (int k = 0; k < p.futures.size(); k++) {
            try {
                p.futures.get(k).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new DatasetException("Interrupted while waiting for batch " + p.batch, e);
            } catch (ExecutionException e) {
                throw failure(p, k, e.getCause());
            } catch (CancellationException e) {
                throw failure(p, k, e);
            }
        }
    }

    /** Closes the loader and builds the exception that names the failed sample. */
    private DatasetException failure(Pending p, int k, Throwable cause) {
        close();
        if (cause instanceof DatasetException d) {
            return d; // already says which files and what to do (e.g. none of the images decodes)
        }
        int index = order[p.batch * batchSize + k];
        return new DatasetException("Loading sample " + index + " (" + dataset.path(index) + ") of batch " + p.batch
                + " failed: " + cause, cause);
    }

    private void fill() {
        while (!closed && nextToSubmit < numBatches && pending.size() < prefetch + 1) {
            Pending p = prepare(nextToSubmit++);
            for (int k = 0; k < p.labels.length; k++) {
                final int slot = k;
                p.futures.add(pool.submit(() -> runSample(p, slot)));
            }
            pending.add(p);
        }
    }

    private Pending prepare(int batch) {
        int from = batch * batchSize;
        int b = Math.min(batchSize, order.length - from);
        int s = transform.outputSize();
        return new Pending(batch, new float[b * 3 * s * s], new int[b], new int[b], new CropGeometry[b], new Path[b],
                new ArrayList<>(b));
    }

    private void runSample(Pending p, int k) {
        int requested = order[p.batch * batchSize + k];
        LoadedImage li = dataset.load(requested);
        TransformedImage t = transform.apply(li.image(), new SplittableRandom(SeedMix.mix(seed, epoch, requested)));
        int len = p.images.length / p.labels.length;
        if (t.chw().length != len) {
            throw new IllegalStateException("Transform produced " + t.chw().length + " floats, expected " + len
                    + " = 3x" + transform.outputSize() + "x" + transform.outputSize());
        }
        System.arraycopy(t.chw(), 0, p.images, k * len, len);
        p.labels[k] = li.label();
        p.indices[k] = li.index();
        p.geometries[k] = t.geometry();
        p.paths[k] = li.path();
    }

    /** Cancels pending work and stops the worker threads; waits up to 5 s for them. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Pending p : pending) {
            for (Future<?> f : p.futures) {
                f.cancel(true);
            }
        }
        pending.clear();
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        int id = POOL_IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "mae4j-loader-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
