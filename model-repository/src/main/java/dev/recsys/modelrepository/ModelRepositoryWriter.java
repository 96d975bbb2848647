package dev.recsys.modelrepository;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a new model version atomically: files go to {@code {model}/.tmp-{uuid}/}, which is then
 * renamed to {@code {model}/{version}} in one step, so no reader ever sees a half-written version.
 */
public final class ModelRepositoryWriter {

    /** Fills the temporary directory of a version. */
    @FunctionalInterface
    public interface VersionContent {
        void writeTo(Path dir, int version) throws IOException;
    }

    private final ModelRepository repository;

    public ModelRepositoryWriter(Path root) {
        this.repository = new ModelRepository(root);
    }

    /** Highest existing version + 1. */
    public int nextVersion(String model) throws IOException {
        return repository.highestVersion(model) + 1;
    }

    /**
     * Writes the next version of the model and returns its directory.
     *
     * @throws FileAlreadyExistsException when another writer took the same version number meanwhile
     */
    public Path write(String model, VersionContent content) throws IOException {
        Path modelDir = repository.modelDir(model);
        Files.createDirectories(modelDir);
        int version = nextVersion(model);
        Path tmp = modelDir.resolve(".tmp-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        try {
            content.writeTo(tmp, version);
            Path target = modelDir.resolve(Integer.toString(version));
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null, "version written concurrently");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + modelDir + " cannot rename atomically", e);
            }
            return target;
        } catch (IOException | RuntimeException e) {
            deleteRecursively(tmp);
            throw e;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover .tmp- directory is never read as a version
        }
    }
}
