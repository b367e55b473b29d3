package io.mae4j.device;

import com.typesafe.config.Config;

/**
 * The {@code runtime.*} keys, read once: libtorch's thread counts and the device a run uses.
 *
 * @param threads intra-op threads (libtorch / OpenMP), 0 = libtorch's default
 * @param interopThreads inter-op threads, 0 = libtorch's default
 * @param device what {@code runtime.device} asks for
 */
public record RuntimeSettings(int threads, int interopThreads, DeviceRequest device) {

    /**
     * Reads a composed config (the whole config, not its {@code runtime} section).
     *
     * @param c the resolved config
     * @return the settings
     */
    public static RuntimeSettings from(Config c) {
        Config r = c.getConfig("runtime");
        return new RuntimeSettings(r.getInt("threads"), r.getInt("interop_threads"),
                DeviceRequest.parse(r.getString("device")));
    }
}
