package io.mae4j.device;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Reading long-lived arrays (parameters, optimizer state) back to the host, and handing cached GPU memory
 * back between phases.
 *
 * <p>Why: DJL reads a GPU array's data through a CPU copy that it attaches to the array's own manager and
 * never closes ({@code JniUtils.getByteBuffer}). For an array of a step scope that copy dies with the step;
 * for a parameter it lives as long as the model, so every checkpoint or histogram would leave a host copy of
 * the whole model behind. These methods copy explicitly and close the copy. On the CPU they read in place.
 */
public final class Host {

    private Host() {}

    /** DJL's encoding of {@code a} ({@link NDArray#encode()}), read through a closed host copy. */
    public static byte[] encode(NDArray a) {
        if (onCpu(a)) {
            return a.encode();
        }
        try (NDArray host = a.toDevice(Device.cpu(), true)) {
            host.setName(a.getName());
            return host.encode();
        }
    }

    /** {@code a}'s values as floats ({@link NDArray#toFloatArray()}), read through a closed host copy. */
    public static float[] floats(NDArray a) {
        if (onCpu(a)) {
            return a.toFloatArray();
        }
        try (NDArray host = a.toDevice(Device.cpu(), true)) {
            return host.toFloatArray();
        }
    }

    /**
     * Hands libtorch's cached, unused GPU blocks back to the driver ({@code torch.cuda.empty_cache()}) after a
     * phase whose shapes differ from training's (k-NN, analysis, evaluation); nothing on the CPU.
     *
     * @param device the run's device
     */
    public static void releaseCached(Device device) {
        if (device.isGpu()) {
            JniUtils.emptyCudaCache();
        }
    }

    private static boolean onCpu(NDArray a) {
        return !a.getDevice().isGpu();
    }
}
