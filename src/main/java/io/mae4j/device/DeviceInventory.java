package io.mae4j.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What DJL sees on this machine once the engine loaded: whether libtorch was built with CUDA, whether
 * the CUDA runtime ({@code libcudart}, found by JNA in {@code CudaUtils}) loads, and the GPUs it counts.
 * DJL counts GPUs only through {@code libcudart}: without it, it reports 0 whatever the hardware.
 *
 * @param libtorch one line on the loaded libtorch (version, flavour, folder)
 * @param cudaBuild true when the loaded libtorch has the CUDA capability
 * @param cudaRuntime the CUDA runtime version as DJL reads it (e.g. "12.8"), or null when none loads
 * @param gpus the GPUs DJL counts, in index order
 */
public record DeviceInventory(String libtorch, boolean cudaBuild, String cudaRuntime, List<Gpu> gpus) {

    /**
     * One GPU as DJL reports it (DJL does not report the GPU's name).
     *
     * @param index device index
     * @param computeCapability e.g. "90", or "?" when DJL cannot read it
     * @param totalBytes total memory, -1 when unknown
     * @param usedBytes memory in use, -1 when unknown
     */
    public record Gpu(int index, String computeCapability, long totalBytes, long usedBytes) {

        /** {@code gpu:0 compute capability 90, 80.0 GiB (1.2 GiB in use)}. */
        public String describe() {
            String mem = totalBytes < 0 ? "memory not reported"
                    : String.format(Locale.ROOT, "%.1f GiB (%.1f GiB in use)", totalBytes / 1073741824.0,
                            usedBytes / 1073741824.0);
            return "gpu:" + index + " compute capability " + computeCapability + ", " + mem;
        }
    }

    /** Copies the list. */
    public DeviceInventory {
        gpus = List.copyOf(gpus);
    }

    /**
     * Asks DJL (call after the engine started).
     *
     * @param engine the loaded engine
     * @param libtorch one line on the loaded libtorch
     * @return the inventory
     */
    public static DeviceInventory probe(Engine engine, String libtorch) {
        boolean cudaBuild = engine.hasCapability(StandardCapabilities.CUDA);
        String runtime;
        try {
            String v = CudaUtils.getCudaVersionString(); // "128" for CUDA 12.8
            runtime = v.length() >= 2 ? v.substring(0, v.length() - 1) + "." + v.substring(v.length() - 1) : v;
        } catch (RuntimeException | LinkageError e) {
            runtime = null; // no libcudart: CudaUtils throws IllegalStateException
        }
        List<Gpu> gpus = new ArrayList<>();
        int count = cudaBuild ? engine.getGpuCount() : 0;
        for (int i = 0; i < count; i++) {
            String cc;
            long total = -1;
            long used = -1;
            try {
                cc = CudaUtils.getComputeCapability(i);
            } catch (RuntimeException e) {
                cc = "?";
            }
            try {
                MemoryUsage mu = CudaUtils.getGpuMemory(Device.gpu(i));
                total = mu.getMax();
                used = mu.getUsed();
            } catch (RuntimeException e) {
                // memory not reported
            }
            gpus.add(new Gpu(i, cc, total, used));
        }
        return new DeviceInventory(libtorch, cudaBuild, runtime, gpus);
    }

    /** Why no GPU is usable, in a few words; empty when at least one is. */
    public String whyNoGpu() {
        if (!cudaBuild) {
            return "CPU natives loaded (" + libtorch + ", built without CUDA)";
        }
        if (cudaRuntime == null) {
            return "no CUDA runtime loadable (DJL counts GPUs through libcudart.so, loaded by JNA: put its folder,"
                    + " e.g. /usr/local/cuda/lib64, on LD_LIBRARY_PATH; " + libtorch + ")";
        }
        if (gpus.isEmpty()) {
            return "the CUDA runtime " + cudaRuntime + " loads but sees 0 GPUs (driver too old for it, or"
                    + " CUDA_VISIBLE_DEVICES hides them)";
        }
        return "";
    }
}
