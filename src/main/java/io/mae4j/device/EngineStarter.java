package io.mae4j.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the DJL PyTorch engine with the thread settings of a run and picks the run's device (the work
 * behind {@code io.mae4j.util.EngineSetup}, which callers use). Must run before any other DJL call:
 * libtorch reads the thread counts once, and DJL reads where libtorch comes from
 * ({@link Natives#prepare()}) when the engine loads. A libtorch that does not load, or a GPU asked
 * for and not seen, ends in a {@link SetupException} with one sentence, never a stack trace.
 */
public final class EngineStarter {

    private static final Logger LOG = LoggerFactory.getLogger(EngineStarter.class);
    private static DeviceInventory inventory;

    private EngineStarter() {}

    /**
     * Configures and loads the engine.
     *
     * @param threads intra-op threads (libtorch / OpenMP), 0 = leave the default
     * @param interopThreads inter-op threads, 0 = leave the default
     * @return the engine
     * @throws SetupException when libtorch cannot be loaded
     */
    public static synchronized Engine start(int threads, int interopThreads) {
        Natives natives = Natives.ofBuild();
        natives.prepare();
        if (threads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (interopThreads > 0 && System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interopThreads));
        }
        if (natives.source() == Natives.Source.DOWNLOAD) {
            LOG.info("{}", natives.where());
        }
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            throw natives.loadFailure(e);
        }
    }

    /**
     * Starts the engine and returns the device {@code settings.device()} resolves to.
     *
     * @param settings the runtime settings
     * @return the selected device
     */
    public static synchronized Device start(RuntimeSettings settings) {
        start(settings.threads(), settings.interopThreads());
        return DeviceSelector.select(settings.device(), inventory());
    }

    /** What DJL sees (probed once, after the engine started). */
    public static synchronized DeviceInventory inventory() {
        if (inventory == null) {
            Engine engine = start(0, 0);
            inventory = DeviceInventory.probe(engine, "libtorch " + engine.getVersion() + " "
                    + Natives.ofBuild().flavor() + " from " + LibUtils.getLibtorchPath());
        }
        return inventory;
    }
}
