package dev.recsys.modelrepository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a model repository: {@code {root}/{model}/{version}/} (docs/model-repository.md). The one rule set
 * of every reader (model-builder, recommender-service, drift-service, metrics-gateway):
 * <ul>
 *   <li>a model name is 1..128 of {@code [A-Za-z0-9._-]}, not starting with a dot;</li>
 *   <li>a version name is a positive integer of at most 9 digits without leading zeros ({@code 1}, never
 *       {@code 01} or {@code 0}); any other directory ({@code .tmp-…}, {@code latest}) is not a version;</li>
 *   <li>a version is complete when its {@code model-card.json} parses as a {@link ModelCard}, its {@code files}
 *       names all five files (model, items, users, seen, reference; no default for a missing name), and every
 *       name under {@code files} is a plain file name (no directory part) of a regular file in the version
 *       directory. Readers serve only complete versions, the highest one unless asked for another.</li>
 * </ul>
 */
public final class ModelRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Pattern VERSION_NAME = Pattern.compile("[1-9][0-9]{0,8}");

    private final Path root;

    public ModelRepository(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path modelDir(String model) {
        return root.resolve(model);
    }

    /** True for a valid model name: it stays inside the repository whatever a request or an event says. */
    public static boolean isModelName(String name) {
        return name != null && MODEL_NAME.matcher(name).matches();
    }

    /** True for a valid version directory name: {@code 1}, {@code 12}, never {@code 01}, {@code 0} or {@code +1}. */
    public static boolean isVersionName(String name) {
        return name != null && VERSION_NAME.matcher(name).matches();
    }

    /** Names of the models in the repository, sorted. */
    public List<String> models() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(ModelRepository::isModelName).sorted().toList();
        }
    }

    /** Every version directory of the model (see {@link #isVersionName}), ascending; none for an invalid name. */
    public List<ModelVersion> versions(String model) throws IOException {
        if (!isModelName(model)) {
            return List.of();
        }
        Path dir = modelDir(model);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ModelVersion> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                String name = p.getFileName().toString();
                if (isVersionName(name) && Files.isDirectory(p)) {
                    out.add(new ModelVersion(model, Integer.parseInt(name), p, isComplete(p)));
                }
            }
        }
        out.sort(Comparator.comparingInt(ModelVersion::version));
        return out;
    }

    /**
     * The named version when the model and version names are valid and the version is complete; empty
     * otherwise (names from requests and events are checked here, so they never leave the repository).
     */
    public Optional<ModelVersion> complete(String model, String version) {
        if (!isModelName(model) || !isVersionName(version)) {
            return Optional.empty();
        }
        Path dir = modelDir(model).resolve(version);
        return Files.isDirectory(dir) && isComplete(dir)
                ? Optional.of(new ModelVersion(model, Integer.parseInt(version), dir, true))
                : Optional.empty();
    }

    /** The highest complete version, if any. */
    public Optional<ModelVersion> latestComplete(String model) throws IOException {
        List<ModelVersion> all = versions(model);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).complete()) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** The highest existing version number (complete or not), 0 when there is none. */
    public int highestVersion(String model) throws IOException {
        List<ModelVersion> all = versions(model);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).version();
    }

    public static ModelCard readCard(Path versionDir) throws IOException {
        return JSON.readValue(versionDir.resolve(ModelCard.FILE_NAME).toFile(), ModelCard.class);
    }

    /** Reads the card, items, users and seen items of a complete version. */
    public LoadedModel load(ModelVersion version) throws IOException {
        ModelCard card = readCard(version.dir());
        ModelCard.Files files = card.files();
        ItemTable items = ItemTable.read(version.dir().resolve(files.items()));
        UserTable users = UserTable.read(version.dir().resolve(files.users()));
        SeenItems seen = SeenItems.read(version.dir().resolve(files.seen()));
        if (seen.users() != users.size()) {
            throw new IOException(version.dir() + ": seen.bin has " + seen.users() + " users, users.csv "
                    + users.size());
        }
        return new LoadedModel(version, card, items, users, seen);
    }

    static boolean isComplete(Path versionDir) {
        try {
            JsonNode tree = JSON.readTree(versionDir.resolve(ModelCard.FILE_NAME).toFile());
            ModelCard card = JSON.treeToValue(tree, ModelCard.class);
            if (card == null || card.files() == null || card.files().all().contains(null)) {
                return false;
            }
            for (JsonNode name : tree.path("files")) {
                if (!name.isTextual() || !isFileName(name.asText())
                        || !Files.isRegularFile(versionDir.resolve(name.asText()))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | IllegalArgumentException e) {
            // no card (NoSuchFileException), an unreadable, truncated or ill-typed card: not usable
            return false;
        }
    }

    /** A plain file name: no directory part, so a card cannot name a file outside its version directory. */
    private static boolean isFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }
}
