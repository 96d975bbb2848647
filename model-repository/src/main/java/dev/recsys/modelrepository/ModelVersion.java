package dev.recsys.modelrepository;

import java.nio.file.Path;

/**
 * One version directory of a model.
 *
 * @param complete true when its model card exists and every file it names exists
 */
public record ModelVersion(String model, int version, Path dir, boolean complete) {
}
