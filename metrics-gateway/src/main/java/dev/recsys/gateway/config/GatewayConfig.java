package dev.recsys.gateway.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything under {@code gateway.*}. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Streams streams();

    Quality quality();

    Retention retention();

    Feedback feedback();

    Services services();

    interface Streams {
        /** Prediction streams to follow (docs/architecture.md §5), discovered with SCAN ... TYPE stream. */
        @WithDefault("ml:predictions:*")
        String pattern();

        @WithDefault("metrics-gateway")
        String group();

        /** Consumer name inside the group; one per gateway instance. */
        @WithDefault("${HOSTNAME:gateway-1}")
        String consumer();

        @WithDefault("true")
        boolean consumerEnabled();

        /** Entries read per stream and XREADGROUP, stored in one transaction. */
        @WithDefault("5000")
        int batchSize();

        @WithDefault("1s")
        Duration block();

        /** How often new prediction streams are looked for. */
        @WithDefault("10s")
        Duration discoveryInterval();

        /** Entries of a dead consumer idle this long are claimed (XAUTOCLAIM) by a live one. */
        @WithDefault("30s")
        Duration claimMinIdle();

        /** How often the group's idle pending entries are looked for. */
        @WithDefault("10s")
        Duration claimInterval();

        /**
         * A consumer of the group idle this long with no pending entries (an instance that is gone; its entries were
         * claimed) is removed from the group, at the claim interval: names, unique per instance, would pile up.
         */
        @WithDefault("10m")
        Duration deadConsumerIdle();

        /** Entries kept per dead-letter stream ml:deadletter:gateway:{model} (approximate trimming). */
        @WithDefault("10000")
        long deadLetterMaxLength();
    }

    interface Quality {
        /** k of P@k, R@k, NDCG@k. */
        @WithDefault("10")
        int k();

        /** A rating at or above this is relevant (docs/statistics.md §5). */
        @WithDefault("4.0")
        double relevantRating();

        /** Model shown by the summary and the report when none is asked for. */
        @WithDefault("movie-recs")
        String defaultModel();

        /** Default window of GET /quality and rolling window of the gauges. */
        @WithDefault("1h")
        Duration window();

        /** Longest window or period a caller may ask for. */
        @WithDefault("90d")
        Duration maxWindow();

        @WithDefault("15s")
        Duration gaugeRefreshInterval();

        /** PostgreSQL work_mem of a quality query, so that a large window is aggregated in memory. */
        @WithDefault("64MB")
        String workMem();

        /**
         * How often new feedback is rolled up into per-list sums, which quality reads: a duration
         * (1s) or {@code off} (quality is then computed from raw feedback only).
         */
        @WithDefault("1s")
        String rollupInterval();

        /** Feedback rows rolled up per transaction; a run goes on until the backlog is gone. */
        @WithDefault("50000")
        int rollupBatchSize();

        /**
         * Model repository (docs/model-repository.md) whose {model}/{version}/items.csv and model card give
         * the catalog, genres, training popularity and offline NDCG of the beyond-accuracy metrics.
         */
        @WithDefault("${MODEL_REPOSITORY:./models}")
        String modelRepository();

        /** recommendation_quality_score is absent while fewer lists than this have feedback in the window. */
        @WithDefault("100")
        int qualityScoreMinLists();
    }

    interface Retention {
        /** Served lists (and their feedback) older than this are deleted. */
        @WithDefault("30d")
        Duration period();

        @WithDefault("1h")
        Duration interval();
    }

    interface Feedback {
        /** Seconds a client is told to wait (Retry-After) when PostgreSQL is unavailable. */
        @WithDefault("5")
        int retryAfterSeconds();

        /**
         * A submission waits at most this long for PostgreSQL (a hung or frozen server) before it answers
         * 503; the write commits only before this deadline, so a server that wakes up later rolls it back.
         */
        @WithDefault("5s")
        Duration storeTimeout();

        /** Feedback whose list is not stored yet waits this long for it (then it expires, counted). */
        @WithDefault("15m")
        Duration pendingTtl();

        /** At most this many feedback rows wait for their lists; beyond it such feedback gets 404. */
        @WithDefault("100000")
        int pendingMax();

        /** How often waiting feedback is matched against the stored lists, expired and counted. */
        @WithDefault("5s")
        Duration pendingSweepInterval();
    }

    interface Services {
        /** Timeout of each call to another service (health, summary, report). */
        @WithDefault("2s")
        Duration timeout();

        /** How often the health of every service is checked to keep service_up current. */
        @WithDefault("15s")
        Duration healthCheckInterval();

        Service recommender();

        Service drift();

        Service gateway();
    }

    interface Service {
        /** API base URL, e.g. http://localhost:8080. */
        Optional<String> url();

        /** Management base URL (health, metrics), e.g. http://localhost:9080. */
        String managementUrl();
    }
}
