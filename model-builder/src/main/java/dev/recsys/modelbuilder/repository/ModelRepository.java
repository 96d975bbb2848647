package dev.recsys.modelbuilder.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a model repository: {@code {root}/{model}/{version}/}. A version is complete when its
 * model card exists and names files that all exist; readers serve only complete versions.
 */
public final class ModelRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Names of the models in the repository, sorted. */
    public List<String> models() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /** Every version directory of the model (names that are positive integers), ascending. */
    public List<ModelVersion> versions(String model) throws IOException {
        Path dir = modelDir(model);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ModelVersion> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                int version = parseVersion(p.getFileName().toString());
                if (version > 0 && Files.isDirectory(p)) {
                    out.add(new ModelVersion(model, version, p, isComplete(p)));
                }
            }
        }
        out.sort(Comparator.comparingInt(ModelVersion::version));
        return out;
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
            ModelCard card = readCard(versionDir);
            if (card.files() == null) {
                return false;
            }
            for (String f : card.files().all()) {
                if (f == null || !Files.isRegularFile(versionDir.resolve(f))) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            // an unreadable or truncated card means the version is not usable
            return false;
        }
    }

    private static int parseVersion(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(name);
    }
}
