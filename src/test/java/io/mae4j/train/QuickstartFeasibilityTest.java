package io.mae4j.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.mae4j.cache.BuildProgress;
import io.mae4j.app.CacheBuildJob;
import io.mae4j.cache.CacheReader;
import io.mae4j.cache.CacheSettings;
import io.mae4j.cache.SiftDensityScorer;
import io.mae4j.config.ConfigComposer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's guided half can run its curriculum: on its own generated training set (experiment
 * quickstart_guided, every key as the quickstart uses it, only the folder moved), the sift-only cache's keypoint
 * patches support the schedule's peak β for the required share of images, and the expected mean beta_effective
 * is at least 0.8 × the mean β.
 */
class QuickstartFeasibilityTest {

    @TempDir
    Path tmp;

    @Test
    void quickstartGuidedScheduleIsFeasibleOnItsData() throws Exception {
        Config c = ConfigComposer.locate().compose(List.of("experiment=quickstart_guided",
                "data.root=" + tmp.resolve("set"), "cache.workers=2")).config();
        CacheBuildJob.siftOnly(c, "test", BuildProgress.silent()); // generates the set first
        CacheSettings s = CacheSettings.from(c);
        CacheReader r = CacheReader.openUnchecked(CacheBuildJob.file(c, s, new SiftDensityScorer()));
        CurriculumCheck check = CurriculumCheck.of(c, r);
        assertFalse(check.infeasible(), check.line());
        assertTrue(check.expectedRatio() >= 0.8, check.line());
    }
}
