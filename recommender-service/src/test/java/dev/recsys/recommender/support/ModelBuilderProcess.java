package dev.recsys.recommender.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a tiny model with model-builder's command line in a child JVM. Test resources use this rather than
 * calling model-builder in-process: they run in another class loader than the application under test, and
 * loading model-builder classes there as well clashes with the application's copies.
 */
public final class ModelBuilderProcess {

    private ModelBuilderProcess() {
    }

    /** Writes the next version of a 300-user, 400-movie synthetic model; the seed varies it. */
    public static void build(Path repository, String model, long seed) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.recsys.modelbuilder.cli.ModelBuilderCommand", "--repository", repository.toString(),
                "--model", model, "--users", "300", "--movies", "400", "--ratings", "12000",
                "--seed", Long.toString(seed), "--factors", "8", "--iterations", "3", "--threads", "1",
                "--eval-users", "200");
        try {
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
