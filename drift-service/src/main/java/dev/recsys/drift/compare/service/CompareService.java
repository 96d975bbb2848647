package dev.recsys.drift.compare.service;

import dev.recsys.drift.engine.DriftEngine;
import dev.recsys.drift.engine.DriftResult;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;

/** Ad-hoc, stateless drift comparison of two samples (DESIGN §4 {@code POST /api/v1/drift/compare}). */
@ApplicationScoped
public class CompareService {

    private final DriftEngine engine = new DriftEngine();
    private final CompareRequestParser parser = new CompareRequestParser();

    /** Parses the request body and evaluates every feature and the dataset. */
    @WithSpan("drift.compare")
    public DriftResult compare(InputStream body) {
        CompareRequest request = parser.parse(body);
        return engine.compare(request.features(), request.driftShare(), request.correction());
    }
}
