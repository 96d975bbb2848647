package dev.recsys.recommender.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a tiny model with model-builder's command line in a child JVM, so that the training classes (Tribuo,
 * protobuf) never load into the test JVM.
 */
public final class ModelBuilderProcess {

    /** The size and training settings of every test model. */
    static final String SETTINGS = "--users 300 --movies 400 --ratings 12000 --factors 8 --iterations 3 --threads 1"
            + " --eval-users 200";

    private ModelBuilderProcess() {
    }

    /** Writes the next version of a 300-user, 400-movie synthetic model; the seed varies it. */
    static void build(Path repository, String model, long seed) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.recsys.modelbuilder.cli.ModelBuilderCommand", "--repository", repository.toString(),
                "--model", model, "--seed", Long.toString(seed)));
        command.addAll(List.of(SETTINGS.split(" ")));
        try {
            Files.createDirectories(repository);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("model-builder failed: " + command);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run model-builder", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
