package io.mae4j.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive, process-wide lock on a file ({@link FileChannel#tryLock()}), with the owner's pid
 * written into it so a refusal can name the process. The OS releases the lock when its process
 * dies, so a stale file left by a killed process does not block anyone; the file itself is kept
 * (deleting it would let two processes lock two different files of the same name).
 */
public final class ProcessLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @param file the lock file (created if needed; its parent must exist)
     * @param what what is locked, for the message ("run folder runs/x/1", "θ score cache x.sqlite")
     * @param advice what to do when it is taken
     * @throws IOException "&lt;what&gt; is in use by another mae4j process (pid N): &lt;advice&gt;"
     */
    public static ProcessLock acquire(Path file, String what, String advice) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM (another run of this process)
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String owner;
            try {
                owner = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                owner = "";
            } finally {
                ch.close();
            }
            throw new IOException(what + " is in use by another mae4j process"
                    + (owner.isEmpty() ? "" : " (pid " + owner + ")") + ": " + advice);
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return new ProcessLock(ch, lock);
    }

    /** The pid written into a lock file, or -1 when it holds none. */
    public static long owner(Path file) {
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
