package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.mae4j.train.TinyRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device audit, on a machine without a GPU. A CPU test cannot tell a GPU array from a CPU one, so it
 * checks the two ways an array could miss the selected device:
 * <ul>
 *   <li>created in a manager that did not come from the run's root manager: the source may not create a
 *       base manager without a device, ask DJL for its default device, or name a device, outside the few
 *       places listed here with their reason;</li>
 *   <li>created outside the run's managers and left alive: after a whole training run (steps, k-NN,
 *       analysis, TensorBoard histograms and previews, checkpoints) and a linear probe on it, the engine
 *       holds exactly the arrays it held before.</li>
 * </ul>
 */
class DeviceAuditTest extends ConsoleCapture {

    @TempDir
    Path tmp;

    /** Files that may create a base manager without naming a device: benchmarks run on DJL's default device. */
    private static final Set<String> DEFAULT_MANAGER_OK =
            Set.of("BenchHarness.java", "TrainBenchmark.java", "MaskCostBenchmark.java", "AnalysisBenchmark.java");
    /**
     * Files that may name a device: the selection itself, host read-back, and the CPU by design in weights
     * export and the loss check against PyTorch ({@code weights export}, {@code weights loss}).
     */
    private static final Set<String> NAMED_DEVICE_OK = Set.of("DeviceSelector.java", "DeviceInventory.java",
            "Host.java", "WeightsCommand.java", "ReferenceLoss.java");

    private static final Pattern DEFAULT_MANAGER = Pattern.compile("NDManager\\.newBaseManager\\(\\)");
    private static final Pattern DEFAULT_DEVICE = Pattern.compile("defaultDevice\\(\\)");
    private static final Pattern NAMED_DEVICE = Pattern.compile("Device\\.(cpu|gpu|of)\\(");

    @Test
    void everyManagerOfTheMainCodeDescendsFromTheSelectedDevice() throws IOException {
        List<String> offences = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() > 100, "found the main sources: " + files.size());
        for (Path f : files) {
            String name = f.getFileName().toString();
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.strip().startsWith("*") || l.strip().startsWith("//")) {
                    continue; // Javadoc and comments
                }
                if (DEFAULT_MANAGER.matcher(l).find() && !DEFAULT_MANAGER_OK.contains(name)) {
                    offences.add(f + ":" + (i + 1) + " base manager on DJL's default device: " + l.strip());
                }
                if (DEFAULT_DEVICE.matcher(l).find()) {
                    offences.add(f + ":" + (i + 1) + " DJL's default device: " + l.strip());
                }
                if (NAMED_DEVICE.matcher(l).find() && !NAMED_DEVICE_OK.contains(name)) {
                    offences.add(f + ":" + (i + 1) + " a device named outside the selection: " + l.strip());
                }
            }
        }
        assertEquals(List.of(), offences, "take the device from the run's root manager (EngineSetup.start(config))"
                + " or an array's manager");
    }

    @Test
    void aRunAndAProbeLeaveNoArrayOutsideTheirManagers() {
        NDManager probe = NDManager.newBaseManager(Device.cpu());
        NDManager system = probe.getParentManager();
        probe.close();
        Path runs = tmp.resolve("runs");
        List<String> train = new ArrayList<>(List.of("train"));
        train.addAll(TinyRuns.sizes(tmp));
        train.addAll(List.of("train.epochs=2", "analysis.every=1", "analysis.num_images=4",
                "tensorboard.images_every=1", "tensorboard.histograms_every=1", "runtime.device=cpu"));
        int before = system.getManagedArrays().size();
        assertEquals(0, Main.execute(train.toArray(String[]::new)), err());
        assertEquals(before, system.getManagedArrays().size(), "arrays left alive by train");
        Path run;
        try (Stream<Path> s = Files.list(runs.resolve("default"))) {
            run = s.findFirst().orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(0, Main.execute("linprobe", "checkpoint=" + run, "linprobe.epochs=1", "linprobe.batch_size=4",
                "runs_dir=" + runs), err());
        assertEquals(before, system.getManagedArrays().size(), "arrays left alive by linprobe");
    }
}
