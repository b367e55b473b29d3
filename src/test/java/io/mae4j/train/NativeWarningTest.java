package io.mae4j.train;

import io.mae4j.run.Checkpoints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.mae4j.util.EngineSetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Item 5 of issue 16: restoring parameters (resume, analyze, linprobe, export) no longer makes
 * libtorch print "AutoNonVariableTypeMode is deprecated". The warning is printed by native code
 * straight to the process's stderr, so a second JVM runs the restore and its output is read.
 */
class NativeWarningTest {

    /** The child: restores a parameter from a checkpoint-like list, prints the values. */
    public static void main(String[] args) {
        EngineSetup.start(1, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setArray(m.zeros(new ai.djl.ndarray.types.Shape(2, 3)));
            p.getArray().setRequiresGradient(true);
            NDArray src = m.create(new float[] {1, 2, 3, 4, 5, 6}, new ai.djl.ndarray.types.Shape(2, 3));
            src.setName("w");
            Checkpoints.copyInto(new NDList(src), Map.of("w", p), "probe");
            System.out.println("restored " + Arrays.toString(p.getArray().toFloatArray()));
        }
    }

    @Test
    void restoringParametersPrintsNoLibtorchDeprecationWarning() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NativeWarningTest.class.getName()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);
        assertTrue(output.contains("restored [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]"), output);
        assertFalse(output.contains("AutoNonVariableTypeMode"), output);
    }
}
