package dev.recsys.modelrepository;

import java.nio.file.Path;

/** Everything of one complete model version except the ONNX graph, which the caller loads from {@link #modelFile()}. */
public record LoadedModel(ModelVersion version, ModelCard card, ItemTable items, UserTable users, SeenItems seen) {

    public Path modelFile() {
        return version.dir().resolve(card.files().model());
    }

    public Path referenceFile() {
        return version.dir().resolve(card.files().reference());
    }
}
