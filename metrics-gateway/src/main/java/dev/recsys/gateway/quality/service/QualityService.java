package dev.recsys.gateway.quality.service;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.problem.ProblemException;
import dev.recsys.gateway.quality.QualityMetrics;
import dev.recsys.gateway.quality.QualityReport;
import dev.recsys.gateway.quality.TimeRange;
import dev.recsys.gateway.quality.repository.QualityRepository;
import dev.recsys.gateway.quality.repository.QualityRepository.Slice;
import dev.recsys.gateway.quality.repository.QualityRepository.SliceQuality;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/** Online quality of a model over a time range, overall, per version and per A/B variant. */
@ApplicationScoped
public class QualityService {

    private static final Logger LOG = Logger.getLogger(QualityService.class);

    private final QualityRepository repository;
    private final GatewayConfig.Quality config;

    private final int retryAfterSeconds;

    public QualityService(QualityRepository repository, GatewayConfig config) {
        this.repository = repository;
        this.config = config.quality();
        this.retryAfterSeconds = config.feedback().retryAfterSeconds();
    }

    @WithSpan("QualityService.report")
    public Uni<QualityReport> report(String model, TimeRange range) {
        return slices(model, range).map(slices -> {
            QualityMetrics overall = null;
            Map<String, QualityMetrics> byVersion = new TreeMap<>();
            Map<String, QualityMetrics> byVariant = new TreeMap<>();
            for (SliceQuality slice : slices) {
                switch (slice.slice()) {
                    case OVERALL -> overall = slice.metrics();
                    case VERSION -> byVersion.put(slice.version(), slice.metrics());
                    // lists served outside any experiment have no variant to report under
                    case VARIANT -> {
                        if (!slice.variant().isEmpty()) {
                            byVariant.put(slice.variant(), slice.metrics());
                        }
                    }
                    case VERSION_AND_VARIANT -> {
                    }
                }
            }
            return new QualityReport(model, range.from().toEpochMilli(), range.to().toEpochMilli(), config.k(),
                    overall, byVersion, byVariant);
        });
    }

    /** Every slice, including per (version, variant), as the gauges need them. */
    public Uni<List<SliceQuality>> slices(String model, TimeRange range) {
        return repository.quality(model, range, config.relevantRating(), config.k())
                .onFailure().transform(failure -> {
                    LOG.warnf("quality not computed: %s", failure.toString());
                    return ProblemException.unavailable("PostgreSQL unavailable; retry later", retryAfterSeconds);
                });
    }

    public Uni<List<String>> models(TimeRange range) {
        return repository.models(range);
    }

    public static boolean isVersionAndVariant(SliceQuality slice) {
        return slice.slice() == Slice.VERSION_AND_VARIANT;
    }
}
