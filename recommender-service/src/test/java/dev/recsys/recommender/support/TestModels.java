package dev.recsys.recommender.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.ModelVersion;

/**
 * The tiny real test models ({@link TestModelCache}) and what the tests read from them. Profiles choose among the
 * models with {@code recommender.model-name}.
 */
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
