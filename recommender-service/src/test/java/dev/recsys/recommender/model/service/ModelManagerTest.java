package dev.recsys.recommender.model.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.recsys.common.metrics.SettableGauges;
import dev.recsys.recommender.config.RecommenderConfig;
import dev.recsys.recommender.metrics.RecommenderMetrics;
import dev.recsys.recommender.model.inference.OnnxSessionFactory;
import dev.recsys.recommender.support.TestModelCache;
import dev.recsys.recommender.support.TestModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Loading and swapping model versions from the (read-only) cached test repository with real ONNX Runtime sessions,
 * without booting the service: configuration is the service's own mapping with its defaults.
 */
class ModelManagerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ModelManager models;

    private ModelManager manager(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("recommender.model-repository", TestModelCache.cachedRepository().toString());
        RecommenderConfig config = new SmallRyeConfigBuilder().withMapping(RecommenderConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 500)).build()
                .getConfigMapping(RecommenderConfig.class);
        models = new ModelManager(config, new OnnxSessionFactory(config),
                new RecommenderMetrics(registry, new SettableGauges(registry), config));
        return models;
    }

    @AfterEach
    void closeSessions() {
        if (models != null) {
            models.shutdown();
        }
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void servesTheNewestCompleteVersionAndNeverTheIncompleteOne() throws Exception {
        ServingState state = manager(Map.of("recommender.model-name", TestModels.MODEL)).reload();

        assertEquals(1, state.control().version(), "version 9 has no files and is skipped");
        assertTrue(state.runningExperiment().isEmpty());
        assertEquals(1.0, gauge("model.loaded", "model", TestModels.MODEL, "version", "1"));
        try (ModelLease lease = models.acquire(1).orElseThrow()) {
            assertEquals(1, lease.model().version());
        }
    }

    @Test
    void anExperimentServesBothVersionsSplitByUser() throws Exception {
        ServingState state = manager(Map.of("recommender.model-name", TestModels.EXPERIMENT_MODEL,
                "recommender.experiment.name", "ab", "recommender.experiment.control-version", "1",
                "recommender.experiment.treatment-version", "2")).reload();

        assertEquals(1, state.control().version());
        assertEquals(2, state.treatment().version());
        Set<Integer> served = new HashSet<>();
        for (int user = 1; user <= 200; user++) {
            try (ModelLease lease = models.acquire(user).orElseThrow()) {
                served.add(lease.model().version());
                assertEquals("ab", lease.experiment());
            }
        }
        assertEquals(Set.of(1, 2), served, "a 50 % share reaches both versions among 200 users");
    }

    @Test
    void aModelWithoutVersionsFailsWithItsReasonAndCountsALoadError() {
        ModelManager manager = manager(Map.of("recommender.model-name", "no-such-model"));

        ModelManager.ModelLoadException e = assertThrows(ModelManager.ModelLoadException.class, manager::reload);
        assertTrue(e.getMessage().contains("no complete version of model no-such-model"), e.getMessage());
        assertFalse(manager.state().loaded());
        assertTrue(manager.acquire(1).isEmpty());
        assertEquals(1.0, registry.get("model.errors").tag("type", "load").counter().count());
    }

    @Test
    void aTreatmentShareOutsideZeroToOneIsRefused() {
        ModelManager manager = manager(Map.of("recommender.model-name", TestModels.EXPERIMENT_MODEL,
                "recommender.experiment.name", "ab", "recommender.experiment.control-version", "1",
                "recommender.experiment.treatment-version", "2", "recommender.experiment.treatment-share", "1.5"));

        ModelManager.ModelLoadException e = assertThrows(ModelManager.ModelLoadException.class, manager::reload);
        assertTrue(e.getMessage().contains("treatment-share must be in 0..1"), e.getMessage());
        assertFalse(manager.state().loaded());
    }
}
