package dev.recsys.drift.monitor.health;

import dev.recsys.drift.monitor.config.MonitorConfig;
import dev.recsys.drift.monitor.service.MonitorScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.time.Duration;

/**
 * Liveness of the background monitor loop (its rounds also feed the sketches): DOWN when it has
 * stopped, or has not completed a round for {@link #STALL} (a round is bounded by the Redis and
 * PostgreSQL timeouts, so a longer silence is a stuck thread that only a restart cures). UP when the
 * loop is disabled ({@code drift.scheduler-enabled=false}).
 */
@Liveness
@ApplicationScoped
public class MonitorLoopsHealthCheck implements HealthCheck {

    /** Longest time without a completed round before liveness turns DOWN. */
    public static final Duration STALL = Duration.ofMinutes(5);

    private final MonitorScheduler scheduler;
    private final MonitorConfig config;

    public MonitorLoopsHealthCheck(MonitorScheduler scheduler, MonitorConfig config) {
        this.scheduler = scheduler;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("drift-monitor-loops").up();
        if (!config.schedulerEnabled()) {
            return response.withData("loops", "disabled").build();
        }
        long now = System.currentTimeMillis();
        check(response, "monitor", scheduler.running(), scheduler.heartbeat(), now);
        return response.build();
    }

    private static void check(HealthCheckResponseBuilder response, String key, boolean running, LoopHeartbeat beat,
                              long now) {
        long silent = now - beat.lastRound();
        String state;
        if (!running) {
            state = "stopped";
        } else if (silent > STALL.toMillis()) {
            state = beat.roundStarted() > 0 ? "stuck in a round for " + (now - beat.roundStarted()) / 1000 + " s"
                    : "no round for " + silent / 1000 + " s";
        } else {
            state = "running";
        }
        response.withData(key, state);
        if (beat.lastFailure() != null) {
            response.withData(key + "LastFailure", beat.lastFailure());
        }
        if (!"running".equals(state)) {
            response.down();
        }
    }
}
