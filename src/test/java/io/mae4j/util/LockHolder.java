package io.mae4j.util;

import java.nio.file.Path;

/**
 * A second process for lock tests: takes {@link ProcessLock} on {@code args[0]}, prints "locked",
 * and holds it until its standard input closes or it is killed.
 */
public final class LockHolder {

    private LockHolder() {}

    /** Starts a JVM running this class on {@code file}, and waits until it holds the lock. */
    public static Process start(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (!"locked".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("the lock holder did not lock " + file + ": " + line);
        }
        return p;
    }

    public static void main(String[] args) throws Exception {
        try (ProcessLock lock = ProcessLock.acquire(Path.of(args[0]), "test lock", "wait")) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until stdin closes
            }
        }
    }
}
