package dev.recsys.recommender.model.service;

import java.util.List;
import java.util.Optional;

/**
 * What serves right now: the control model and, during an A/B experiment, the treatment model.
 * Immutable; replaced as a whole on reload. {@code failure} says why nothing serves when control is null.
 */
public record ServingState(ServingModel control, ServingModel treatment, Experiment experiment, String failure) {

    /** A running A/B experiment. */
    public record Experiment(String name, double treatmentShare) {
    }

    static ServingState failed(String failure) {
        return new ServingState(null, null, null, failure);
    }

    public boolean loaded() {
        return control != null;
    }

    public Optional<Experiment> runningExperiment() {
        return Optional.ofNullable(experiment);
    }

    List<ServingModel> models() {
        if (control == null) {
            return List.of();
        }
        return treatment == null || treatment == control ? List.of(control) : List.of(control, treatment);
    }
}
