package dev.recsys.recommender.support;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Builds model version 1 into a fresh temporary repository (plus an incomplete version 9, which must never be
 * served) and points {@code recommender.model-repository} at it.
 */
public class ModelRepositoryResource implements QuarkusTestResourceLifecycleManager {

    /** The repository of the running test application. */
    public static volatile Path repository;

    @Override
    public Map<String, String> start() {
        try {
            return startChecked();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path newRepository() throws java.io.IOException {
        return java.nio.file.Files.createTempDirectory("recommender-test-models");
    }

    private Map<String, String> startChecked() throws java.io.IOException {
        repository = newRepository();
        ModelBuilderProcess.build(repository, 42);
        java.nio.file.Files.createDirectories(repository.resolve(TestModels.MODEL).resolve("9"));
        return Map.of("recommender.model-repository", repository.toString());
    }

    @Override
    public void stop() {
        // temporary directory; left for inspection after a failed run
    }
}
