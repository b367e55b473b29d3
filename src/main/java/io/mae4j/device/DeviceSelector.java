package io.mae4j.device;

import ai.djl.Device;

/**
 * Resolves {@code runtime.device} against what DJL sees: {@code auto} takes GPU 0 when one is seen,
 * else the CPU; {@code gpu} / {@code gpu:N} is refused with one sentence when that GPU is not seen.
 */
public final class DeviceSelector {

    private DeviceSelector() {}

    /**
     * The device a run uses.
     *
     * @param request what the config asks
     * @param seen what DJL sees
     * @return the device
     * @throws SetupException when a GPU is asked for and not seen; the message names what was found and why
     */
    public static Device select(DeviceRequest request, DeviceInventory seen) {
        int count = seen.gpus().size();
        return switch (request.kind()) {
            case CPU -> Device.cpu();
            case AUTO -> count > 0 ? Device.gpu(0) : Device.cpu();
            case GPU -> {
                if (count == 0) {
                    throw new SetupException("runtime.device=" + request + " asks for a GPU but DJL sees none: "
                            + seen.whyNoGpu() + "; build with -Pgpu and run on a machine with an NVIDIA driver"
                            + " (see `doctor`), or set runtime.device=cpu");
                }
                if (request.index() >= count) {
                    throw new SetupException("runtime.device=" + request + " asks for GPU " + request.index()
                            + " but DJL sees " + count + " (gpu:0" + (count > 1 ? " .. gpu:" + (count - 1) : "")
                            + "); choose one of those or runtime.device=auto");
                }
                yield Device.gpu(request.index());
            }
        };
    }
}
