package dev.recsys.recommender.model.service;

/**
 * A request's hold on the model serving it; the model's session stays open until every lease is closed.
 * {@code experiment} and {@code variant} are null when no experiment runs.
 */
public final class ModelLease implements AutoCloseable {

    private final ServingModel model;
    private final String experiment;
    private final String variant;
    private boolean closed;

    ModelLease(ServingModel model, String experiment, String variant) {
        this.model = model;
        this.experiment = experiment;
        this.variant = variant;
    }

    public ServingModel model() {
        return model;
    }

    public String experiment() {
        return experiment;
    }

    public String variant() {
        return variant;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.release();
        }
    }
}
