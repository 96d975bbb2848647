package dev.recsys.modelbuilder;

import dev.recsys.modelrepository.ModelCard;
import java.nio.file.Path;

/**
 * A written model version.
 *
 * @param versionDir   {@code {repository}/{model}/{version}}
 * @param totalSeconds the whole build: data, training, evaluation, export
 */
public record BuildResult(Path versionDir, ModelCard card, double totalSeconds) {

    public int version() {
        return card.version();
    }
}
