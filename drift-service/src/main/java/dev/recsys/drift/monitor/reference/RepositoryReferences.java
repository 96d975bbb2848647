package dev.recsys.drift.monitor.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.ModelVersion;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference profiles from the model repository ({@code $MODEL_REPOSITORY/{model}/{version}/}, the reference file
 * its model card names; docs/model-repository.md). Which versions are complete is decided by the model-repository
 * module's {@link ModelRepository}, the one reader every service uses. Version directories are immutable once
 * renamed into place, so a parsed profile is cached per model and version.
 */
@ApplicationScoped
public class RepositoryReferences {

    private static final Logger LOG = Logger.getLogger(RepositoryReferences.class);

    private final ModelRepository repository;
    private final ObjectMapper json;
    private final Map<String, ReferenceProfile> cache = new ConcurrentHashMap<>();

    public RepositoryReferences(MonitorConfig config, ObjectMapper json) {
        this.repository = new ModelRepository(Path.of(config.modelRepository()));
        this.json = json;
    }

    /** The reference of {@code version} when that version is complete, else of the highest complete version. */
    public Optional<ReferenceProfile> reference(String model, String version) {
        try {
            Optional<ModelVersion> chosen = repository.complete(model, version);
            return (chosen.isPresent() ? chosen : repository.latestComplete(model)).flatMap(this::load);
        } catch (IOException e) {
            LOG.warnf("Model repository not readable for %s: %s", model, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<ReferenceProfile> load(ModelVersion version) {
        String key = version.model() + "/" + version.version();
        ReferenceProfile cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Path file = version.dir();
        try {
            // a complete version's card names a plain file inside the version directory
            String name = ModelRepository.readCard(version.dir()).files().reference();
            file = version.dir().resolve(name);
            // responses name the file relative to the repository, never by its absolute path
            ReferenceProfile profile = ReferenceProfile.of(
                    ReferenceOrigin.repository(Integer.toString(version.version()), key + "/" + name),
                    json.readTree(file.toFile()));
            cache.put(key, profile);
            return Optional.of(profile);
        } catch (IOException | InvalidReferenceException e) {
            LOG.warnf("Unusable reference %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }
}
