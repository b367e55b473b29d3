package io.mae4j.util;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Starts the DJL PyTorch engine offline, with the thread settings of a run. Must run before any
 * other DJL call: libtorch reads the thread counts once.
 */
public final class EngineSetup {

    private EngineSetup() {}

    /**
     * Configures and loads the engine.
     *
     * @param threads intra-op threads (libtorch / OpenMP), 0 = leave the default
     * @param interopThreads inter-op threads, 0 = leave the default
     * @return the engine
     */
    public static synchronized Engine start(int threads, int interopThreads) {
        System.setProperty("ai.djl.offline", "true");
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            Path cache = Paths.get(System.getProperty("user.home"), ".djl.ai");
            System.setProperty("DJL_CACHE_DIR", cache.toString());
        }
        if (threads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (interopThreads > 0 && System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interopThreads));
        }
        return Engine.getEngine("PyTorch");
    }
}
