package dev.recsys.recommender.model.rest;

import dev.recsys.modelrepository.ModelCard;

/**
 * One version in the model repository: {@code serving} (control or treatment), {@code candidate} (complete,
 * not serving) or {@code incomplete} (never served; {@code card} is null when it cannot be read).
 */
public record ModelVersionView(String model, int version, String status, ModelCard card) {

    public static final String SERVING = "serving";
    public static final String CANDIDATE = "candidate";
    public static final String INCOMPLETE = "incomplete";
}
