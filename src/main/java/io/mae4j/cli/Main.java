package io.mae4j.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mae4j.util.EngineSetup;

/** Entry point (placeholder during bootstrap; replaced by the picocli command tree). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Engine engine = EngineSetup.start(2, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            System.out.println(engine.getEngineName() + " " + engine.getVersion() + " " + m.ones(new ai.djl.ndarray.types.Shape(2, 2)).sum());
        }
    }
}
