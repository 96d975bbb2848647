package dev.recsys.recommender.model.inference;

/** Where ONNX Runtime runs a model; the label value of {@code provider} in metrics and spans. */
public enum ExecutionProvider {
    cuda, cpu
}
