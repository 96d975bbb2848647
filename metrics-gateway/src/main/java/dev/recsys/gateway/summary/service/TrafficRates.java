package dev.recsys.gateway.summary.service;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.recsys.gateway.remote.PrometheusText;

/**
 * Request and error rates of the recommender from its Prometheus counters: totals always, per-second
 * rates between this scrape and the previous one (null on the first).
 */
@ApplicationScoped
public class TrafficRates {

    private static final String REQUESTS = "http_server_requests_seconds_count";
    private static final String CACHE = "recommendation_cache_requests_total";

    private record Snapshot(long atMillis, double requests, double errors) {
    }

    private final AtomicReference<Snapshot> previous = new AtomicReference<>();

    public ObjectNode traffic(String metricsText, long nowMillis) {
        PrometheusText metrics = PrometheusText.parse(metricsText);
        double requests = orZero(metrics.sum(REQUESTS, labels -> true));
        double errors = orZero(metrics.sum(REQUESTS, labels -> labels.getOrDefault("status", "").startsWith("5")));
        ObjectNode traffic = JsonNodeFactory.instance.objectNode();
        traffic.put("requestsTotal", requests);
        traffic.put("serverErrorsTotal", errors);
        putRatio(traffic, "serverErrorRatio", errors, requests);
        Snapshot last = previous.getAndSet(new Snapshot(nowMillis, requests, errors));
        double seconds = last == null ? 0 : (nowMillis - last.atMillis()) / 1000.0;
        if (seconds > 0 && requests >= last.requests()) {
            traffic.put("requestsPerSecond", (requests - last.requests()) / seconds);
            traffic.put("serverErrorsPerSecond", (errors - last.errors()) / seconds);
        } else {
            traffic.putNull("requestsPerSecond");
            traffic.putNull("serverErrorsPerSecond");
        }
        double hits = orZero(metrics.sum(CACHE, labels -> "hit".equals(labels.get("result"))));
        double misses = orZero(metrics.sum(CACHE, labels -> "miss".equals(labels.get("result"))));
        putRatio(traffic, "cacheHitRate", hits, hits + misses);
        ObjectNode modelErrors = traffic.putObject("modelErrors");
        metrics.sumBy("model_errors_total", "type").forEach(modelErrors::put);
        return traffic;
    }

    private static void putRatio(ObjectNode node, String field, double part, double whole) {
        if (whole > 0) {
            node.put(field, part / whole);
        } else {
            node.putNull(field);
        }
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
