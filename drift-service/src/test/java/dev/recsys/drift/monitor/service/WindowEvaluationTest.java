package dev.recsys.drift.monitor.service;

import dev.recsys.drift.monitor.MonitorFixtures;
import dev.recsys.drift.monitor.TrafficGenerator;
import dev.recsys.drift.monitor.service.EvaluationResult.FeatureVerdict;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact-mode window evaluation against real Redis streams and a model repository (test window: 1 minute). */
@QuarkusTest
class WindowEvaluationTest {

    private static final long MINUTE = 60_000;

    @Inject
    MonitorFixtures fixtures;
    @Inject
    WindowEvaluator evaluator;

    @Test
    void detectsDriftOnExactlyTheDriftedFeatures() throws Exception {
        String model = "drifting-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(1).reference(3000));
        TrafficGenerator traffic = new TrafficGenerator(2);
        traffic.shiftMean = true;
        traffic.newGenre = true;
        traffic.segmentProportions = true;
        long end = System.currentTimeMillis();
        fixtures.write(model, "1", traffic, 1500, end - MINUTE, end);

        EvaluationResult result = evaluator.evaluateAndPublish(model, end).result();

        assertEquals("ok", result.status());
        assertEquals("exact", result.mode());
        assertEquals(1500, result.samples());
        assertEquals(Set.of("user_mean_rating", "rec_top_genre", "user_segment"), drifted(result.features()));
        assertEquals(3, result.dataset().driftedFeatures());
        assertEquals(7, result.dataset().features());
        assertFalse(result.dataset().driftDetected(), "3 of 7 is below the default drift share 0.5");
        assertEquals("repository", result.reference().source());
        assertEquals("1", result.reference().version());
        assertEquals(10, result.sampleTraces().size());
    }

    @Test
    void sameDistributionRaisesNoMoreAlarmsThanTheThresholdsImply() throws Exception {
        // ks-model tests rec_mean_score with ks at a fixed α = 0.05; the other six use the monitor's
        // default, calibrated two-sample tests (ks, chisquare_2s) at α = 1e-5 per window.
        String model = "ks-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(3).reference(5000));
        TrafficGenerator traffic = new TrafficGenerator(4);
        int windows = 20;
        long first = System.currentTimeMillis() - windows * MINUTE;
        fixtures.writeHistoric(model, "1", traffic, windows * 1500, first, first + windows * MINUTE);

        int ksAlarms = 0;
        int calibratedAlarms = 0;
        for (int w = 1; w <= windows; w++) {
            EvaluationResult result = evaluator.evaluateAndPublish(model, first + w * MINUTE).result();
            assertEquals(1500, result.samples());
            assertEquals("ks", result.features().get("rec_mean_score").method());
            for (Map.Entry<String, FeatureVerdict> feature : result.features().entrySet()) {
                if (feature.getValue().driftDetected()) {
                    if (feature.getKey().equals("rec_mean_score")) {
                        ksAlarms++;
                    } else {
                        calibratedAlarms++;
                    }
                }
            }
        }
        // 20 windows at α = 0.05: expected 1 alarm; P(Binomial(20, 0.05) ≥ 6) ≈ 0.0003
        assertTrue(ksAlarms <= 5, "ks false alarms: " + ksAlarms);
        // 20 windows × 6 features at α = 1e-5: P(any alarm) ≈ 0.001
        assertEquals(0, calibratedAlarms, "false alarms of the calibrated tests");
    }

    @Test
    void belowMinimumSamplesGivesNoVerdict() throws Exception {
        String model = "quiet-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(5).reference(1000));
        long end = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(6), 150, end - MINUTE, end);

        EvaluationResult result = evaluator.evaluateAndPublish(model, end).result();

        assertEquals("insufficient_data", result.status());
        assertEquals(150, result.samples());
        assertNull(result.features());
        assertNull(result.dataset());
    }

    @Test
    void withoutAnyReferenceSaysSo() {
        String model = "unreferenced-model";
        fixtures.reset(model);
        long end = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(7), 300, end - MINUTE, end);

        EvaluationResult result = evaluator.evaluateAndPublish(model, end).result();

        assertEquals("no_reference", result.status());
        assertNull(result.features());
    }

    @Test
    void followsTheServedVersionsReference() throws Exception {
        String model = "versioned-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(8).reference(2000));
        TrafficGenerator shifted = new TrafficGenerator(9);
        shifted.shiftMean = true;
        fixtures.repository(model, 2, shifted.reference(2000));
        long end = System.currentTimeMillis();
        // version 2 serves traffic like its own reference: no drift against v2, drift against v1
        fixtures.write(model, "2", shifted, 600, end - MINUTE, end);

        EvaluationResult result = evaluator.evaluateAndPublish(model, end).result();

        assertEquals("2", result.version());
        assertEquals("2", result.reference().version());
        assertEquals(Set.of(), drifted(result.features()));
    }

    @Test
    void eventsOutsideTheWindowsEventTimeAreLeftOut() throws Exception {
        String model = "late-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(10).reference(1000));
        long end = System.currentTimeMillis();
        // written now (stream ids = now) but stamped with event times before the window
        fixtures.write(model, "1", new TrafficGenerator(11), 200, end - 3 * MINUTE, end - 2 * MINUTE);
        fixtures.write(model, "1", new TrafficGenerator(12), 250, end - MINUTE, end);

        assertEquals(250, evaluator.evaluateAndPublish(model, end).result().samples());
    }

    @Test
    void perModelFeatureMethodAndThresholdFromConfiguration() throws Exception {
        String model = "psi-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(13).reference(2000));
        long end = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(14), 500, end - MINUTE, end);

        FeatureVerdict verdict = evaluator.evaluateAndPublish(model, end).result().features().get("user_mean_rating");

        assertEquals("psi", verdict.method());
        assertEquals(0.2, verdict.threshold());
    }

    @Test
    void calibratedByDefaultWithPerModelAlphaAndPerFeatureOverrides() throws Exception {
        String model = "alpha-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(17).reference(2000));
        long end = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(18), 800, end - MINUTE, end);

        Map<String, FeatureVerdict> features = evaluator.evaluateAndPublish(model, end).result().features();

        FeatureVerdict score = features.get("rec_mean_score");
        assertEquals("ks", score.method(), "the default for numbers");
        assertEquals(0.01, score.alpha(), "drift.models.\"alpha-model\".alpha");
        assertEquals(0.01, score.threshold());
        assertEquals("auto:p-value", score.thresholdSource());
        assertEquals("ks_d", score.effectSize().measure());
        assertEquals(score.statistic(), score.effectSize().value());
        FeatureVerdict genre = features.get("rec_top_genre");
        assertEquals("chisquare_2s", genre.method(), "threshold=auto without a method: the categorical default");
        assertEquals("max_share_change", genre.effectSize().measure());
        FeatureVerdict segment = features.get("user_segment");
        assertEquals("jensenshannon", segment.method());
        assertEquals("auto:chi2-asymptotic", segment.thresholdSource());
        assertEquals(0.01, segment.alpha());
        FeatureVerdict rating = features.get("user_mean_rating");
        assertEquals("wasserstein", rating.method());
        assertEquals(0.1, rating.threshold());
        assertEquals("fixed", rating.thresholdSource());
        assertNull(rating.alpha());
        FeatureVerdict count = features.get("user_rating_count");
        assertEquals("chisquare", count.method(), "Evidently's goodness of fit keeps its fixed default");
        assertEquals(0.05, count.threshold());
        assertEquals("fixed", count.thresholdSource());
    }

    @Test
    void countBasedWindowTakesTheLastEvents() throws Exception {
        String model = "count-model";
        fixtures.reset(model);
        fixtures.repository(model, 1, new TrafficGenerator(15).reference(1000));
        long end = System.currentTimeMillis();
        fixtures.write(model, "1", new TrafficGenerator(16), 1000, end - 10 * MINUTE, end);

        EvaluationResult result = evaluator.evaluateAndPublish(model, end).result();

        assertEquals(300, result.samples());
        assertEquals("ok", result.status());
        assertTrue(result.windowStart() >= end - 3 * MINUTE - 1_000, "the newest 300 of 1000 events over 10 minutes");
    }

    private static Set<String> drifted(Map<String, FeatureVerdict> features) {
        Set<String> drifted = new TreeSet<>();
        features.forEach((name, verdict) -> {
            if (verdict.driftDetected()) {
                drifted.add(name);
            }
        });
        return drifted;
    }
}
