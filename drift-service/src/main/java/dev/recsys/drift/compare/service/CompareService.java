package dev.recsys.drift.compare.service;

import dev.recsys.common.rest.ProblemException;
import dev.recsys.drift.compare.config.CompareConfig;
import dev.recsys.drift.engine.DriftEngine;
import dev.recsys.drift.engine.DriftResult;
import dev.recsys.drift.engine.ExactKsBudget;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Ad-hoc, stateless drift comparison of two samples (docs/architecture.md §4,
 * {@code POST /api/v1/drift/compare}) within the limits of {@link CompareConfig}: at most
 * {@code max-concurrent} comparisons hold parsed samples at once, each within its value, feature,
 * category and exact-KS limits.
 */
@ApplicationScoped
public class CompareService {

    private final DriftEngine engine = new DriftEngine();
    private final CompareRequestParser parser;
    private final CompareConfig config;
    private final Semaphore turns;

    public CompareService(CompareConfig config) {
        this.config = config;
        this.parser = new CompareRequestParser(config.maxValues(), config.maxFeatures(), config.maxCategories());
        this.turns = new Semaphore(config.maxConcurrent(), true);
    }

    /**
     * Parses the request body and evaluates every feature and the dataset.
     *
     * @throws ProblemException 503 with Retry-After when no turn frees up within the queue timeout
     */
    @WithSpan("drift.compare")
    public DriftResult compare(InputStream body) {
        awaitTurn();
        try {
            CompareRequest request = parser.parse(body);
            return engine.compare(request.features(), request.driftShare(), request.correction(),
                    new ExactKsBudget(config.exactKsBudget()));
        } finally {
            turns.release();
        }
    }

    private void awaitTurn() {
        String busy = config.maxConcurrent() + " comparisons are running; retry shortly";
        try {
            if (!turns.tryAcquire(config.queueTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw ProblemException.unavailable(busy, 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable(busy, 1);
        }
    }
}
