package dev.recsys.recommender.support;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A repository of its own for a test profile that changes it (reload) or needs several versions (experiment):
 * arg {@code versions} (default 1) versions are built, each with its own seed.
 */
public class FreshRepositoryResource implements QuarkusTestResourceLifecycleManager {

    public static volatile Path repository;
    private int versions = 1;

    @Override
    public void init(Map<String, String> initArgs) {
        versions = Integer.parseInt(initArgs.getOrDefault("versions", "1"));
    }

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
        repository = ModelRepositoryResource.newRepository();
        for (int v = 1; v <= versions; v++) {
            ModelBuilderProcess.build(repository, 100 + v);
        }
        return Map.of("recommender.model-repository", repository.toString());
    }

    @Override
    public void stop() {
        // temporary directory
    }
}
