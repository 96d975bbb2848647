package dev.recsys.recommender.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One model repository for the whole test run, built once per test JVM by model-builder and pointed to by
 * {@code recommender.model-repository}. It holds:
 * <ul>
 * <li>{@value TestModels#MODEL}: version 1 and an incomplete version 9 that must never be served;</li>
 * <li>{@value TestModels#RELOAD_MODEL}: version 1; the reload test adds version 2;</li>
 * <li>{@value TestModels#EXPERIMENT_MODEL}: versions 1 and 2 for the A/B experiment.</li>
 * </ul>
 * Profiles choose among them with {@code recommender.model-name}.
 */
public class ModelRepositoryResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Path repository = Path.of(System.getProperty("java.io.tmpdir"),
                "recommender-test-models-" + ProcessHandle.current().pid());
        try {
            Path ready = repository.resolve("ready");
            if (!Files.exists(ready)) {
                Files.createDirectories(repository);
                ModelBuilderProcess.build(repository, TestModels.MODEL, 42);
                Files.createDirectories(repository.resolve(TestModels.MODEL).resolve("9"));
                ModelBuilderProcess.build(repository, TestModels.RELOAD_MODEL, 101);
                ModelBuilderProcess.build(repository, TestModels.EXPERIMENT_MODEL, 101);
                ModelBuilderProcess.build(repository, TestModels.EXPERIMENT_MODEL, 102);
                Files.createFile(ready);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("recommender.model-repository", repository.toString());
    }

    @Override
    public void stop() {
        // kept for the other applications of this test run; lives in the temporary directory
    }
}
