package dev.recsys.recommender.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.recsys.modelbuilder.repository.LoadedModel;
import dev.recsys.modelbuilder.repository.ModelRepository;
import dev.recsys.modelbuilder.repository.ModelVersion;

/** Tiny real models, built by model-builder into temporary repositories. */
public final class TestModels {

    public static final String MODEL = "movie-recs";

    private TestModels() {
    }

    public static Path newRepository() {
        try {
            return Files.createTempDirectory("recommender-test-models");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the next version of a small synthetic model (seed varies the scores between versions). */
    public static void build(Path repository, long seed) {
        ModelBuilderProcess.build(repository, seed);
    }

    /** A version directory without model files: listed as incomplete, never served. */
    public static Path incompleteVersion(Path repository, int version) {
        try {
            return Files.createDirectories(repository.resolve(MODEL).resolve(Integer.toString(version)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LoadedModel load(Path repository, int version) {
        try {
            ModelRepository repo = new ModelRepository(repository);
            ModelVersion v = repo.versions(MODEL).stream().filter(x -> x.version() == version).findFirst().orElseThrow();
            return repo.load(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
