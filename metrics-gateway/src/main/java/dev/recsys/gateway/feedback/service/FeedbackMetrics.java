package dev.recsys.gateway.feedback.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.feedback.Feedback;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Histogram;
import io.quarkus.runtime.Startup;

/**
 * Counters of stored feedback (docs/architecture.md §6): user_feedback_total (every event at 0 from start-up, hence created at
 * start-up), the user_rating histogram (half-star buckets 0.5..5) and ab_test_conversions_total.
 */
@Startup
@ApplicationScoped
public class FeedbackMetrics {

    private static final double[] RATING_BUCKETS = { 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0 };
    /** {@code user_feedback_total{event}}: the feedback events of docs/architecture.md §4. */
    public static final String[] EVENTS = { "rated", "clicked", "ignored" };

    private final MeterRegistry registry;
    // meters looked up once, not built and registered again on every stored feedback
    private final Map<String, Counter> feedbackCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> conversionCounters = new ConcurrentHashMap<>();
    private final Histogram ratings;
    private final double relevantRating;

    public FeedbackMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus, GatewayConfig config) {
        this.registry = registry;
        this.relevantRating = config.quality().relevantRating();
        // the one metric outside Micrometer: Micrometer's distribution summary (1.14) rounds a value up to a whole
        // number before bucketing, which would count a 4.5 in le="5.0" and a 3.5 in le="4.0" (MetricStyleTest in
        // service-common shows it); the Prometheus client's histogram keeps the half-star buckets exact
        this.ratings = Histogram.build("user_rating", "Ratings given to served items").buckets(RATING_BUCKETS)
                .register(prometheus.getPrometheusRegistry());
        for (String event : EVENTS) {
            feedbackCounter(event);
        }
    }

    /** Called once per newly stored feedback row, never for a repeated one. */
    public void stored(Feedback feedback, String experiment, String variant) {
        feedbackCounter(feedback.event()).increment();
        if (feedback.rating() != null) {
            ratings.observe(feedback.rating());
        }
        if (experiment != null && isRelevant(feedback)) {
            String variantTag = variant == null ? "none" : variant;
            conversionCounters.computeIfAbsent(experiment + '\u0000' + variantTag, key -> Counter
                    .builder("ab.test.conversions")
                    .description("Relevant feedback on lists served under an A/B experiment")
                    .tag("experiment", experiment).tag("variant", variantTag)
                    .register(registry)).increment();
        }
    }

    private boolean isRelevant(Feedback feedback) {
        return "clicked".equals(feedback.event())
                || feedback.rating() != null && feedback.rating() >= relevantRating;
    }

    private Counter feedbackCounter(String event) {
        return feedbackCounters.computeIfAbsent(event, key -> Counter.builder("user.feedback")
                .description("Feedback stored, by event").tag("event", key).register(registry));
    }
}
