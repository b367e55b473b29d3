package io.mae4j;

import ai.djl.ndarray.NDManager;
import io.mae4j.util.EngineSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Base of tensor tests: starts the engine once and gives each test a fresh {@link NDManager}. */
public abstract class NdTestBase {

    /** Closed after each test, with everything attached to it. */
    protected NDManager manager;

    @BeforeAll
    static void startEngine() {
        EngineSetup.start(2, 1);
    }

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }
}
