package io.mae4j.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** What the build's natives are, and the one sentence for a libtorch that does not load. */
class NativesTest {

    @Test
    void theDefaultBuildBundlesTheCpuNatives() {
        Natives n = Natives.ofBuild();
        assertTrue(n.bundled(), "pytorch-native-cpu is on the test classpath of the default build");
        assertEquals("cpu", n.flavor());
        assertEquals("2.7.1", n.pytorchVersion());
        assertEquals(Natives.Source.BUNDLED, n.source());
        assertFalse(n.cuda());
    }

    @Test
    void aGpuBuildWithoutCacheOrNetworkGetsOneSentenceOnWhatToProvide() {
        // as in the -Pgpu jar: no bundled natives, flavour cu128, and nothing in the cache folder
        Natives gpu = new Natives("0.35.1", "2.7.1", "cu128", false);
        assertEquals(Natives.Source.DOWNLOAD, gpu.source(), "no cu128 libtorch is cached on the test machine");
        assertTrue(gpu.cacheFolder().endsWith("pytorch/2.7.1-cu128-linux-x86_64"), gpu.cacheFolder().toString());
        Exception djl = new EngineException("Failed to save pytorch index file",
                new java.io.IOException("wrapped", new UnknownHostException("publish.djl.ai")));
        String m = gpu.loadFailure(djl).getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("cannot load libtorch 2.7.1+cu128: it is not in " + gpu.cacheFolder()), m);
        assertTrue(m.contains("(UnknownHostException: publish.djl.ai)"), m);
        assertTrue(m.contains("set PYTORCH_LIBRARY_PATH to a libtorch 2.7.1+cu128 folder"), m);
        assertTrue(m.contains("copy a filled " + gpu.cacheFolder()), m);
        assertTrue(gpu.where().contains("DJL downloads it") && gpu.where().contains(gpu.cacheFolder().toString()),
                gpu.where());
    }
}
