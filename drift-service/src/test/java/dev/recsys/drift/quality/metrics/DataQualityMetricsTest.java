package dev.recsys.drift.quality.metrics;

import dev.recsys.common.metrics.SettableGauges;
import dev.recsys.drift.quality.QualityFixtures;
import dev.recsys.drift.quality.check.DataQualityChecker;
import dev.recsys.drift.quality.check.DataQualityResult;
import dev.recsys.drift.quality.check.QualityThresholds;
import dev.recsys.drift.quality.check.RangeBounds;
import dev.recsys.drift.quality.event.QualityEvent;
import dev.recsys.drift.quality.event.QualityWindow;
import dev.recsys.drift.quality.profile.QualityProfile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static dev.recsys.drift.quality.QualityFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataQualityMetricsTest {

    private static final Map<String, List<Object>> REFERENCE = QualityFixtures.reference(1000, 5);
    private static final QualityProfile PROFILE = QualityProfile.build(REFERENCE);
    private static final DataQualityChecker CHECKER = new DataQualityChecker(QualityThresholds.defaults());

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong clock = new AtomicLong(NOW);
    private final DataQualityMetrics metrics = new DataQualityMetrics(registry, new SettableGauges(registry), clock::get);

    private static DataQualityResult duplicatedWindow(long start, long end) {
        List<QualityEvent> events = new ArrayList<>(QualityFixtures.window(REFERENCE, 500, 1,
                (i, features) -> features.put("rec_top_genre", i % 5 == 0 ? "Western" : features.get("rec_top_genre"))));
        events.add(events.get(0));
        return CHECKER.check("movie-recs", PROFILE, QualityWindow.builder().addAll(events).build(start, end), null, NOW);
    }

    private double violations(String check) {
        return registry.get("data.quality.violations").tags("model", "movie-recs", "check", check).counter().count();
    }

    private double gauge(String name, String feature) {
        return registry.get(name).tags("model", "movie-recs", "feature", feature).gauge().value();
    }

    @Test
    void countsEachViolatedCheckOncePerWindow() {
        DataQualityResult first = duplicatedWindow(NOW - 60_000, NOW);
        metrics.publish(first, RangeBounds.MIN_MAX);
        metrics.publish(first, RangeBounds.MIN_MAX);
        metrics.publish(duplicatedWindow(NOW - 50_000, NOW), RangeBounds.MIN_MAX);

        assertEquals(1.0, violations("duplicates"));
        assertEquals(1.0, violations("new_category"));
        assertEquals(0.0, violations("schema"), "registered at zero");
        assertEquals(0.0, violations("correlation"));

        metrics.publish(duplicatedWindow(NOW - 30_000, NOW + 30_000), RangeBounds.MIN_MAX);
        assertEquals(2.0, violations("duplicates"));
    }

    @Test
    void gaugesFollowTheLatestWindow() {
        DataQualityResult result = duplicatedWindow(NOW - 60_000, NOW);
        metrics.publish(result, RangeBounds.MIN_MAX);

        assertEquals(0.2, gauge("data.quality.new.category.share", "rec_top_genre"), 1e-12);
        assertEquals(0.0, gauge("data.quality.out.of.range.share", "rec_top_score"));
        assertEquals(result.features().get("user_mean_rating").missingShare(),
                gauge("data.quality.missing.share", "user_mean_rating"));
        assertEquals(result.features().get("user_mean_rating").missingShareChange(),
                gauge("data.quality.missing.share.change", "user_mean_rating"));
        assertTrue(registry.find("data.quality.out.of.range.share").tag("feature", "rec_top_genre").gauges().isEmpty(),
                "no range gauge for a categorical feature");
        assertEquals(result.correlation().maxChange(),
                registry.get("feature.correlation.change.max").tag("model", "movie-recs").gauge().value());
    }

    @Test
    void sketchModeSampleLeavesFeatureGaugesAtTheLastFullWindow() {
        metrics.publish(duplicatedWindow(NOW - 60_000, NOW), RangeBounds.MIN_MAX);
        List<QualityEvent> newest = QualityFixtures.window(REFERENCE, 50, 2,
                (i, features) -> features.put("rec_top_genre", "Western"));
        DataQualityResult sample = CHECKER.check("movie-recs", PROFILE,
                QualityWindow.builder().addAll(newest).buildSample(NOW - 30_000, NOW + 30_000), null, NOW + 60_000);

        metrics.publish(sample, RangeBounds.MIN_MAX);

        assertEquals(0.2, gauge("data.quality.new.category.share", "rec_top_genre"), 1e-12);
        assertEquals(1.0, violations("new_category"), "not judged on a sample");
    }

    @Test
    void freshnessKeepsGrowingUntilANewerEventArrives() {
        assertNull(metrics.newestEventTs("movie-recs"));
        DataQualityResult result = duplicatedWindow(NOW - 60_000, NOW);
        metrics.publish(result, RangeBounds.MIN_MAX);
        double age = registry.get("data.freshness.seconds").tag("model", "movie-recs").gauge().value();
        assertEquals(result.freshness().ageSeconds(), age);

        clock.addAndGet(120_000);
        assertEquals(age + 120, registry.get("data.freshness.seconds").tag("model", "movie-recs").gauge().value(),
                1e-9);
        assertEquals(result.freshness().newestEventTs(), metrics.newestEventTs("movie-recs"));
    }
}
