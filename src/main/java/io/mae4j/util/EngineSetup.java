package io.mae4j.util;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.typesafe.config.Config;
import io.mae4j.device.DeviceInventory;
import io.mae4j.device.EngineStarter;
import io.mae4j.device.RuntimeSettings;

/**
 * Starts the DJL PyTorch engine offline, with the thread settings of a run, and picks the run's device
 * ({@code runtime.device}). Must run before any other DJL call: libtorch reads the thread counts once, and
 * DJL reads where libtorch comes from when the engine loads. A libtorch that does not load, or a GPU asked
 * for and not seen, ends in a {@link io.mae4j.device.SetupException} with one sentence, never a stack trace.
 * The work is done by {@link EngineStarter}.
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
    public static Engine start(int threads, int interopThreads) {
        return EngineStarter.start(threads, interopThreads);
    }

    /**
     * Starts the engine with a run's {@code runtime.*} settings and returns the device the run uses.
     *
     * @param c the resolved config
     * @return the selected device
     */
    public static Device start(Config c) {
        return EngineStarter.start(RuntimeSettings.from(c));
    }

    /**
     * Starts the engine and returns the device {@code settings.device()} resolves to.
     *
     * @param settings the runtime settings
     * @return the selected device
     */
    public static Device start(RuntimeSettings settings) {
        return EngineStarter.start(settings);
    }

    /** What DJL sees (probed once, after the engine started). */
    public static DeviceInventory inventory() {
        return EngineStarter.inventory();
    }
}
