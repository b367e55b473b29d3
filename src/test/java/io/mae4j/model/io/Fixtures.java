package io.mae4j.model.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Locates the committed fixtures in src/test/resources/fixtures/, made once by
 * src/test/python/make_pth_fixtures.py with /usr/bin/python3 (torch 1.13, numpy 1.24).
 */
final class Fixtures {

    private Fixtures() {}

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + name, e);
        }
    }

    /** {@code torch.arange(n)} as float32. */
    static float[] arange(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
