package dev.recsys.recommender.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.ModelVersion;

/** Tiny real models, built by model-builder into temporary repositories. */
public final class TestModels {

    public static final String MODEL = "movie-recs";
    public static final String RELOAD_MODEL = "reload-test";
    public static final String EXPERIMENT_MODEL = "experiment-test";

    private TestModels() {
    }

    /** The repository the application under test serves from (its recommender.model-repository). */
    public static Path servedRepository() {
        return Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("recommender.model-repository", String.class));
    }

    /** Writes the next version of a small synthetic model (seed varies the scores between versions). */
    public static void build(Path repository, String model, long seed) {
        ModelBuilderProcess.build(repository, model, seed);
    }

    public static LoadedModel load(Path repository, int version) {
        return load(repository, MODEL, version);
    }

    public static LoadedModel load(Path repository, String model, int version) {
        try {
            ModelRepository repo = new ModelRepository(repository);
            ModelVersion v = repo.versions(model).stream().filter(x -> x.version() == version).findFirst().orElseThrow();
            return repo.load(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
