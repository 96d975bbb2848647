package dev.recsys.recommender.support;

import static dev.recsys.recommender.support.TestModels.EXPERIMENT_MODEL;
import static dev.recsys.recommender.support.TestModels.MODEL;
import static dev.recsys.recommender.support.TestModels.RELOAD_MODEL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The test models, built by model-builder (in child JVMs) once per build into {@code target/test-models/<key>/},
 * where the key covers the classes that write them and what is built, so a changed model-builder builds them again.
 * The cached directory holds:
 * <ul>
 * <li>{@code repository/}: {@value TestModels#MODEL} version 1 and an incomplete version 9 that must never be
 * served; {@value TestModels#RELOAD_MODEL} version 1; {@value TestModels#EXPERIMENT_MODEL} versions 1 and 2 for
 * the A/B experiment;</li>
 * <li>{@code next/}: {@value TestModels#RELOAD_MODEL} version 2, which the reload test publishes.</li>
 * </ul>
 * Each test JVM serves a copy of {@code repository/} ({@link #repositoryOfThisJvm}). This class refers to no
 * model-builder class, so test resources can use it in any class loader.
 */
public final class TestModelCache {

    /** What is built, with which seeds: part of the cache key. */
    private static final String BUILDS = MODEL + ":42," + RELOAD_MODEL + ":101," + EXPERIMENT_MODEL + ":101:102,"
            + "next:" + RELOAD_MODEL + ":101:7," + ModelBuilderProcess.SETTINGS;
    private static final Path CACHE = Path.of("target", "test-models").toAbsolutePath();

    private TestModelCache() {
    }

    /** This JVM's copy of the cached repository, made on first use. */
    static synchronized Path repositoryOfThisJvm() {
        Path repository = Path.of(System.getProperty("java.io.tmpdir"),
                "recommender-test-models-" + ProcessHandle.current().pid());
        try {
            if (!Files.exists(repository.resolve("ready"))) {
                copy(cached().resolve("repository"), repository);
                Files.createFile(repository.resolve("ready"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return repository;
    }

    /** Publishes {@value #RELOAD_MODEL} version 2 into the served repository in one atomic rename. */
    public static void publishNextReloadVersion(Path repository) {
        Path version = Path.of(RELOAD_MODEL, "2");
        Path staging = repository.resolveSibling(repository.getFileName() + "-staging-2");
        try {
            copy(cached().resolve("next").resolve(version), staging);
            Files.move(staging, repository.resolve(version), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cached repository itself, for plain unit tests that only read it (never write into it). */
    public static Path cachedRepository() {
        try {
            return cached().resolve("repository");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cached builds for the current model-builder, built now when missing. */
    private static synchronized Path cached() throws IOException {
        Path cached = CACHE.resolve(key());
        if (Files.exists(cached)) {
            return cached;
        }
        Path building = Files.createDirectories(CACHE).resolve(cached.getFileName() + ".building-"
                + ProcessHandle.current().pid());
        Path repository = building.resolve("repository");
        ModelBuilderProcess.build(repository, MODEL, 42);
        Files.createDirectories(repository.resolve(MODEL).resolve("9"));
        ModelBuilderProcess.build(repository, RELOAD_MODEL, 101);
        ModelBuilderProcess.build(repository, EXPERIMENT_MODEL, 101);
        ModelBuilderProcess.build(repository, EXPERIMENT_MODEL, 102);
        Path next = building.resolve("next");
        ModelBuilderProcess.build(next, RELOAD_MODEL, 101);
        ModelBuilderProcess.build(next, RELOAD_MODEL, 7);
        try {
            Files.move(building, cached, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            delete(building); // another JVM of the same build finished first
        }
        return cached;
    }

    /**
     * Hex hash of what is built and of the classes that write the models (model-builder, model-repository) on the
     * class path: their paths, sizes and times.
     */
    private static String key() throws IOException {
        StringBuilder inputs = new StringBuilder(BUILDS);
        // surefire's fork has a manifest-only jar as java.class.path and the real class path here
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.contains("model-builder") && !entry.contains("model-repository")) {
                continue;
            }
            try (Stream<Path> files = Files.walk(Path.of(entry))) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    FileTime time = Files.getLastModifiedTime(file);
                    inputs.append('\n').append(file).append(' ').append(Files.size(file)).append(' ').append(time);
                }
            }
        }
        return Integer.toHexString(inputs.toString().hashCode()) + "-" + Integer.toHexString(inputs.length());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
