package io.mae4j.data;

/** Builder for {@link BatchLoader}; {@code build()} checks the values. */
public final class BatchLoaderBuilder {
    final ImageDataset dataset;
    final ImageTransform transform;
    int batchSize = 1;
    long seed;
    int epoch;
    boolean shuffle = true;
    boolean dropLast;
    int startBatch;
    int numWorkers = 2;
    int prefetch = 2;

    BatchLoaderBuilder(ImageDataset dataset, ImageTransform transform) {
        this.dataset = dataset;
        this.transform = transform;
    }

    /** Samples per batch B (required, > 0). */
    public BatchLoaderBuilder batchSize(int v) {
        batchSize = v;
        return this;
    }

    /** Run seed. */
    public BatchLoaderBuilder seed(long v) {
        seed = v;
        return this;
    }

    /** Epoch number (changes the order and every sample's random numbers). */
    public BatchLoaderBuilder epoch(int v) {
        epoch = v;
        return this;
    }

    /** Shuffle the order (training, default) or keep dataset order (evaluation). */
    public BatchLoaderBuilder shuffle(boolean v) {
        shuffle = v;
        return this;
    }

    /** Drop the last, short batch (default false). */
    public BatchLoaderBuilder dropLast(boolean v) {
        dropLast = v;
        return this;
    }

    /** First batch to deliver (resume mid-epoch); default 0. */
    public BatchLoaderBuilder startBatch(int v) {
        startBatch = v;
        return this;
    }

    /** Worker threads (default 2); 0 = work in the calling thread. */
    public BatchLoaderBuilder numWorkers(int v) {
        numWorkers = v;
        return this;
    }

    /** Batches prepared ahead of the one being consumed (default 2, at least 1 when workers are used). */
    public BatchLoaderBuilder prefetch(int v) {
        prefetch = v;
        return this;
    }

    /** Validates and starts the loader (workers begin decoding at once). */
    public BatchLoader build() {
        if (dataset == null || transform == null) {
            throw new IllegalArgumentException("dataset and transform are required");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        if (numWorkers < 0) {
            throw new IllegalArgumentException("numWorkers must be >= 0, got " + numWorkers);
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be >= 1, got " + prefetch);
        }
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("The dataset is empty");
        }
        return new BatchLoader(this);
    }
}
