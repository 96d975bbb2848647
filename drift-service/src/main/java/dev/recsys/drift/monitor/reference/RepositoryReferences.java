package dev.recsys.drift.monitor.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.drift.monitor.config.MonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Reference profiles from the model repository ({@code $MODEL_REPOSITORY/{model}/{version}/reference.json},
 * docs/model-repository.md). Version directories are immutable once renamed into place, so a parsed
 * profile is cached per model and version.
 */
@ApplicationScoped
public class RepositoryReferences {

    private static final Logger LOG = Logger.getLogger(RepositoryReferences.class);

    /** Version directory names: positive integers. */
    private static final String VERSION = "[1-9][0-9]{0,8}";

    private final Path root;
    private final ObjectMapper json;
    private final Map<String, ReferenceProfile> cache = new ConcurrentHashMap<>();

    public RepositoryReferences(MonitorConfig config, ObjectMapper json) {
        this.root = Path.of(config.modelRepository());
        this.json = json;
    }

    /** The reference of {@code version} when that version is complete, else of the highest complete version. */
    public Optional<ReferenceProfile> reference(String model, String version) {
        Path modelDir = root.resolve(model);
        if (!Files.isDirectory(modelDir)) {
            return Optional.empty();
        }
        Optional<String> chosen = version != null && version.matches(VERSION) && isComplete(modelDir.resolve(version))
                ? Optional.of(version) : highestComplete(modelDir);
        return chosen.flatMap(v -> load(model, v));
    }

    private Optional<ReferenceProfile> load(String model, String version) {
        String key = model + "/" + version;
        ReferenceProfile cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        String name = referenceFile(root.resolve(model).resolve(version));
        Path file = root.resolve(model).resolve(version).resolve(name);
        // responses name the file relative to the repository, never by its absolute path
        String relative = model + "/" + version + "/" + (Path.of(name).isAbsolute() ? Path.of(name).getFileName() : name);
        try {
            ReferenceProfile profile = ReferenceProfile.of(ReferenceOrigin.repository(version, relative),
                    json.readTree(file.toFile()));
            cache.put(key, profile);
            return Optional.of(profile);
        } catch (IOException | InvalidReferenceException e) {
            LOG.warnf("Unusable reference %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<String> highestComplete(Path modelDir) {
        try (Stream<Path> versions = Files.list(modelDir)) {
            return versions.filter(dir -> dir.getFileName().toString().matches(VERSION))
                    .filter(this::isComplete)
                    .map(dir -> dir.getFileName().toString())
                    .max((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Complete: the model card exists and every file it names (the reference included) exists. */
    private boolean isComplete(Path versionDir) {
        if (!versionDir.getFileName().toString().matches(VERSION)) {
            return false;
        }
        Path card = versionDir.resolve("model-card.json");
        if (!Files.isRegularFile(card)) {
            return false;
        }
        try {
            JsonNode files = json.readTree(card.toFile()).path("files");
            Iterator<JsonNode> names = files.elements();
            while (names.hasNext()) {
                if (!Files.isRegularFile(versionDir.resolve(names.next().asText()))) {
                    return false;
                }
            }
            return Files.isRegularFile(versionDir.resolve(referenceFile(versionDir)));
        } catch (IOException e) {
            return false;
        }
    }

    private String referenceFile(Path versionDir) {
        try {
            JsonNode name = json.readTree(versionDir.resolve("model-card.json").toFile()).path("files").path("reference");
            return name.isTextual() ? name.asText() : "reference.json";
        } catch (IOException e) {
            return "reference.json";
        }
    }
}
