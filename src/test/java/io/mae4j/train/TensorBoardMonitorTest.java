package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.tensorboard.SummaryWriter;
import io.mae4j.tensorboard.proto.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TensorBoardMonitorTest {

    /** Records what it is given; fails every add from the {@code failAt}-th on. */
    private static final class FakeWriter implements SummaryWriter {
        final List<Long> steps = new ArrayList<>();
        final List<List<String>> tags = new ArrayList<>();
        final int failAt;
        int closes;

        FakeWriter(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public Path file() {
            return Path.of("fake.tfevents");
        }

        @Override
        public void addSummary(long step, List<Summary.Value> values) {
            if (steps.size() + 1 >= failAt) {
                throw new UncheckedIOException(new IOException("disk full: fake.tfevents"));
            }
            steps.add(step);
            tags.add(values.stream().map(Summary.Value::getTag).toList());
        }

        @Override
        public void addSessionStart(long step) {}

        @Override
        public void flush() {}

        @Override
        public void close() {
            closes++;
        }
    }

    private static TensorBoardSettings settings(int logEvery) {
        return new TensorBoardSettings(true, logEvery, 0, 8, 0, 30, 10, List.of());
    }

    private static IterationStats iteration(int iter, Map<String, Double> maskScalars) {
        return new IterationStats(1, 0, iter, 5, 0.5, 1e-4, Double.NaN, 10, new float[] {0.5f}, 0.75, maskScalars);
    }

    @Test
    void logsEveryNthIterationAndTheLastAtEpoch1000x() {
        FakeWriter w = new FakeWriter(Integer.MAX_VALUE);
        TensorBoardMonitor m = TensorBoardMonitor.using(settings(2), w, null, 3);
        for (int it = 0; it < 5; it++) {
            m.onIteration(iteration(it, Map.of("mask/beta", 0.3, "beta_effective", 0.25)));
        }
        assertEquals(List.of(1000L, 1400L, 1800L), w.steps); // iterations 0, 2, 4 (the last) of epoch 1
        // grad_norm is NaN (an accumulation step): left out; the strategy's scalars under mask/
        List<String> t = w.tags.get(0);
        assertEquals(List.of("train/loss", "train/lr", "train/img_per_s", "mask/ratio"), t.subList(0, 4));
        assertTrue(t.containsAll(List.of("mask/beta", "mask/beta_effective")) && t.size() == 6, t.toString());
    }

    @Test
    void aWriterFailureStopsOutputButNotTraining() {
        FakeWriter w = new FakeWriter(2);
        TensorBoardMonitor m = TensorBoardMonitor.using(settings(1), w, null, 3);
        m.onIteration(iteration(0, Map.of()));
        m.onIteration(iteration(1, Map.of())); // fails: logged, writer closed
        m.onIteration(iteration(2, Map.of())); // ignored
        m.close();
        assertEquals(1, w.steps.size());
        assertEquals(1, w.closes);
    }
}
