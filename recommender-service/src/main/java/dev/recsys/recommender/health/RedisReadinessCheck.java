package dev.recsys.recommender.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Reports Redis in the readiness data but stays UP: without Redis the service still answers (uncached, with
 * events buffered), so taking it out of the load balancer would only make things worse.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final Redis redis;

    public RedisReadinessCheck(Redis redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.send(Request.cmd(Command.PING)).ifNoItem().after(TIMEOUT).fail()
                .map(pong -> HealthCheckResponse.named("redis").up().withData("redis", "up").build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("redis").up()
                        .withData("redis", "down")
                        .withData("impact", "answering uncached; prediction events buffered")
                        .withData("reason", e.toString()).build());
    }
}
