package dev.recsys.recommender.model.rest;

import java.time.Instant;

import dev.recsys.modelrepository.ModelCard;
import dev.recsys.recommender.model.service.ServingModel;
import dev.recsys.recommender.model.service.ServingState;

/** {@code GET /api/v1/model}: what serves; {@code experiment} is null when no A/B experiment runs. */
public record ModelInfo(String requestId, String name, String version, boolean loaded, Integer users, Integer items,
        Integer factors, String provider, Instant loadedAt, ModelCard.OfflineMetrics offlineMetrics,
        ExperimentInfo experiment, String failure) {

    public record ExperimentInfo(String name, double treatmentShare, String controlVersion, String treatmentVersion,
            String treatmentProvider) {
    }

    static ModelInfo of(String requestId, String name, ServingState state) {
        ServingModel m = state.control();
        if (m == null) {
            return new ModelInfo(requestId, name, null, false, null, null, null, null, null, null, null, state.failure());
        }
        ExperimentInfo experiment = state.runningExperiment()
                .map(e -> new ExperimentInfo(e.name(), e.treatmentShare(), m.versionLabel(),
                        state.treatment().versionLabel(), state.treatment().provider().name()))
                .orElse(null);
        return new ModelInfo(requestId, name, m.versionLabel(), true, m.users().size(), m.items().size(),
                m.card().factors(), m.provider().name(), m.loadedAt(), m.card().offlineMetrics(), experiment, null);
    }
}
