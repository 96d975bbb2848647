package dev.recsys.recommender.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points {@code recommender.model-repository} at this test JVM's copy of the test models ({@link TestModelCache}): built
 * once per build under target/, copied per JVM because the reload test adds a version.
 */
public class ModelRepositoryResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("recommender.model-repository", TestModelCache.repositoryOfThisJvm().toString());
    }

    @Override
    public void stop() {
        // kept for the other applications of this test JVM; lives in the temporary directory
    }
}
