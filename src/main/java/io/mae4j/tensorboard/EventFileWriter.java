package io.mae4j.tensorboard;

import io.mae4j.tensorboard.proto.Event;
import io.mae4j.tensorboard.proto.SessionLog;
import io.mae4j.tensorboard.proto.SourceMetadata;
import io.mae4j.tensorboard.proto.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SummaryWriter} appending TFRecord-framed {@code Event}s to
 * {@code <dir>/events.out.tfevents.<unix-seconds>.<host>} (a {@code .N} suffix is added when the
 * name is taken). The first record carries {@code file_version = "brain.Event:2"}.
 *
 * <p>Callers serialise and frame each event; a daemon thread appends the pending records every
 * flush interval (sooner when more than {@value #EAGER_BYTES} bytes wait). Only whole records are
 * handed to the file, in order, so a killed process leaves a file that reads correctly up to the
 * last flush; at most the record being written at that instant is torn, at the end. A JVM
 * shutdown hook flushes what is pending on a normal exit or Ctrl-C.
 */
public final class EventFileWriter implements SummaryWriter {

    /** The {@code file_version} of the first record. */
    public static final String FILE_VERSION = "brain.Event:2";
    /** Recorded as {@code source_metadata.writer}. */
    public static final String WRITER_NAME = "mae4j";

    private static final long EAGER_BYTES = 4L << 20;

    private final Path file;
    private final FileChannel channel;
    private final long flushMillis;
    private final Object queueLock = new Object();
    private final Object fileLock = new Object();
    private final Thread flusher;
    private final Thread shutdownHook;
    private List<byte[]> pending = new ArrayList<>();
    private long pendingBytes;
    private volatile boolean closed;
    private volatile IOException failure;
    private volatile long backgroundCpuNanos;

    private EventFileWriter(Path file, FileChannel channel, Duration flushInterval) {
        this.file = file;
        this.channel = channel;
        this.flushMillis = Math.max(1, flushInterval.toMillis());
        this.flusher = new Thread(this::flushLoop, "tensorboard-writer");
        this.flusher.setDaemon(true);
        this.shutdownHook = new Thread(this::flushQuietly, "tensorboard-writer-shutdown");
    }

    /**
     * Creates a new event file in {@code dir} (created if needed) and writes its first record.
     *
     * @param dir the run folder
     * @param flushInterval the longest time a value waits before it is written
     */
    public static EventFileWriter open(Path dir, Duration flushInterval) throws IOException {
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flush interval must be positive, got " + flushInterval);
        }
        Files.createDirectories(dir);
        double now = System.currentTimeMillis() / 1000.0;
        String base = fileName((long) now, hostName());
        Path file = dir.resolve(base);
        FileChannel ch = null;
        for (int i = 2; ch == null; i++) {
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                file = dir.resolve(base + "." + i);
            }
        }
        EventFileWriter w = new EventFileWriter(file, ch, flushInterval);
        w.write(Event.newBuilder().setWallTime(now).setFileVersion(FILE_VERSION)
                .setSourceMetadata(SourceMetadata.newBuilder().setWriter(WRITER_NAME)).build());
        w.flush();
        w.flusher.start();
        Runtime.getRuntime().addShutdownHook(w.shutdownHook);
        return w;
    }

    /** {@code events.out.tfevents.<unixSeconds>.<host>}, the host reduced to [A-Za-z0-9._-]. */
    public static String fileName(long unixSeconds, String host) {
        String h = host.replaceAll("[^A-Za-z0-9._-]", "_");
        return "events.out.tfevents." + unixSeconds + "." + (h.isEmpty() ? "localhost" : h);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public void addSummary(long step, List<Summary.Value> values) {
        write(Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step)
                .setSummary(Summary.newBuilder().addAllValue(values)).build());
    }

    @Override
    public void addSessionStart(long step) {
        write(Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step)
                .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START)).build());
    }

    /** Queues any event (serialised and framed on the calling thread). */
    public void write(Event event) {
        byte[] record = TfRecords.frame(event.toByteArray());
        checkUsable();
        synchronized (queueLock) {
            if (closed) {
                throw new IllegalStateException("event file " + file + " is closed");
            }
            pending.add(record);
            pendingBytes += record.length;
            if (pendingBytes > EAGER_BYTES) {
                queueLock.notifyAll();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (fileLock) {
            List<byte[]> batch;
            synchronized (queueLock) {
                batch = pending;
                pending = new ArrayList<>();
                pendingBytes = 0;
            }
            if (failure != null) {
                throw new IOException("writing TensorBoard events to " + file + " failed earlier", failure);
            }
            if (batch.isEmpty() || !channel.isOpen()) {
                return;
            }
            int total = 0;
            for (byte[] r : batch) {
                total += r.length;
            }
            ByteBuffer buf = ByteBuffer.allocate(total);
            for (byte[] r : batch) {
                buf.put(r);
            }
            buf.flip();
            try {
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } catch (IOException e) {
                failure = e;
                throw new IOException("cannot write TensorBoard events to " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (queueLock) {
            if (closed) {
                return;
            }
            closed = true;
            queueLock.notifyAll();
        }
        try {
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or has run, and it only flushes
        }
        try {
            flush();
        } finally {
            synchronized (fileLock) {
                channel.close();
            }
        }
    }

    private void flushLoop() {
        while (true) {
            synchronized (queueLock) {
                if (!closed && pendingBytes <= EAGER_BYTES) {
                    try {
                        queueLock.wait(flushMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            try {
                flush();
            } catch (IOException e) {
                return; // recorded in failure; callers see it on their next call
            } finally {
                backgroundCpuNanos = threadCpuNanos();
            }
            if (closed) {
                return;
            }
        }
    }

    /**
     * CPU time the background thread has used, as of its last flush (0 where the JVM does not
     * measure thread CPU time).
     */
    public long backgroundCpuNanos() {
        return backgroundCpuNanos;
    }

    private static long threadCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? Math.max(0, mx.getCurrentThreadCpuTime()) : 0;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException e) {
            // nothing left to report to at shutdown
        }
    }

    private void checkUsable() {
        IOException f = failure;
        if (f != null) {
            throw new UncheckedIOException("writing TensorBoard events to " + file + " failed: " + f.getMessage(), f);
        }
    }
}
