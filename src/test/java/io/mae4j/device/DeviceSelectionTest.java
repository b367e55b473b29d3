package io.mae4j.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.typesafe.config.ConfigFactory;
import io.mae4j.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code runtime.device} parsing and its resolution against what DJL sees (no engine needed). */
class DeviceSelectionTest {

    private static final String CPU_LIB = "libtorch 2.7.1 cpu from /cache/2.7.1-cpu-linux-x86_64";
    private static final DeviceInventory CPU_BUILD = new DeviceInventory(CPU_LIB, false, "12.8", List.of());
    private static final DeviceInventory NO_RUNTIME =
            new DeviceInventory("libtorch 2.7.1 cu128 from /x", true, null, List.of());
    private static final DeviceInventory NO_DEVICE =
            new DeviceInventory("libtorch 2.7.1 cu128 from /x", true, "12.8", List.of());
    private static final DeviceInventory TWO_GPUS = new DeviceInventory("libtorch 2.7.1 cu128 from /x", true, "12.8",
            List.of(new DeviceInventory.Gpu(0, "90", 80L << 30, 1L << 30), new DeviceInventory.Gpu(1, "90", -1, -1)));

    @Test
    void spellings() {
        assertEquals(new DeviceRequest(DeviceRequest.Kind.AUTO, 0), DeviceRequest.parse("auto"));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.CPU, 0), DeviceRequest.parse("cpu"));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.GPU, 0), DeviceRequest.parse("gpu"));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.GPU, 3), DeviceRequest.parse("gpu:3"));
        assertEquals("gpu:3", DeviceRequest.parse("gpu:3").toString());
        assertEquals("gpu", DeviceRequest.parse("gpu:0").toString());
        for (String bad : List.of("cuda", "gpu:", "gpu:-1", "gpu:x", "gpu0", "")) {
            ConfigException e = assertThrows(ConfigException.class, () -> DeviceRequest.parse(bad), bad);
            assertTrue(e.getMessage().contains("runtime.device") && e.getMessage().contains("gpu:N"), e.getMessage());
            assertFalse(DeviceRequest.isValid(bad), bad);
        }
    }

    @Test
    void settingsAreReadOnceFromTheRuntimeSection() {
        RuntimeSettings rs = RuntimeSettings.from(ConfigFactory.parseString(
                "runtime { threads = 3, interop_threads = 2, device = \"gpu:1\" }"));
        assertEquals(new RuntimeSettings(3, 2, new DeviceRequest(DeviceRequest.Kind.GPU, 1)), rs);
    }

    @Test
    void autoTakesTheFirstGpuWhenOneIsSeenElseTheCpu() {
        DeviceRequest auto = DeviceRequest.parse("auto");
        assertEquals(Device.gpu(0), DeviceSelector.select(auto, TWO_GPUS));
        assertEquals(Device.cpu(), DeviceSelector.select(auto, CPU_BUILD));
        assertEquals(Device.cpu(), DeviceSelector.select(auto, NO_RUNTIME));
        assertEquals(Device.cpu(), DeviceSelector.select(DeviceRequest.parse("cpu"), TWO_GPUS));
    }

    @Test
    void gpuByIndex() {
        assertEquals(Device.gpu(0), DeviceSelector.select(DeviceRequest.parse("gpu"), TWO_GPUS));
        assertEquals(Device.gpu(1), DeviceSelector.select(DeviceRequest.parse("gpu:1"), TWO_GPUS));
        String m = refusal("gpu:2", TWO_GPUS);
        assertTrue(m.startsWith("runtime.device=gpu:2 asks for GPU 2 but DJL sees 2 (gpu:0 .. gpu:1)"), m);
    }

    @Test
    void aGpuNotSeenIsRefusedNamingWhatWasFoundAndWhy() {
        String cpu = refusal("gpu", CPU_BUILD);
        assertTrue(cpu.startsWith("runtime.device=gpu asks for a GPU but DJL sees none: CPU natives loaded ("
                + CPU_LIB), cpu);
        assertTrue(cpu.contains("-Pgpu") && cpu.endsWith("or set runtime.device=cpu"), cpu);
        assertTrue(refusal("gpu:1", NO_RUNTIME).contains("no CUDA runtime loadable (DJL counts GPUs through libcudart.so"), "no libcudart");
        assertTrue(refusal("gpu", NO_DEVICE).contains("CUDA runtime 12.8 loads but sees 0 GPUs"), "no device");
    }

    private static String refusal(String value, DeviceInventory seen) {
        SetupException e = assertThrows(SetupException.class,
                () -> DeviceSelector.select(DeviceRequest.parse(value), seen));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void gpuDescriptionGivesMemoryWhereKnown() {
        assertEquals("gpu:0 compute capability 90, 80.0 GiB (1.0 GiB in use)", TWO_GPUS.gpus().get(0).describe());
        assertEquals("gpu:1 compute capability 90, memory not reported", TWO_GPUS.gpus().get(1).describe());
        assertEquals("", TWO_GPUS.whyNoGpu());
    }
}
