package dev.recsys.gateway.remote;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * GETs from the other services with a timeout. Never fails: a service that is down or slow comes
 * back as a {@link RemoteResponse} carrying the error, so one service cannot take a page down.
 */
@ApplicationScoped
public class RemoteServices {

    private final WebClient client;
    private final Duration timeout;

    public RemoteServices(Vertx vertx, GatewayConfig config) {
        this.timeout = config.services().timeout();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setUserAgent("metrics-gateway"));
    }

    public Uni<RemoteResponse> get(String url) {
        long start = System.nanoTime();
        return Uni.createFrom().deferred(() -> client.requestAbs(HttpMethod.GET, url)
                        .timeout(timeout.toMillis()).send())
                .map(response -> new RemoteResponse(response.statusCode(), response.bodyAsString(),
                        elapsedMs(start), null))
                .onFailure().recoverWithItem(failure -> new RemoteResponse(0, null, elapsedMs(start),
                        describe(failure)));
    }

    /** Prometheus text of a service: /q/metrics (docs/architecture.md §3), or /metrics where a service serves it there. */
    public Uni<RemoteResponse> metrics(String managementUrl) {
        return get(managementUrl + "/q/metrics").chain(response -> response.status() == 404
                ? get(managementUrl + "/metrics")
                : Uni.createFrom().item(response));
    }

    static double elapsedMs(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
