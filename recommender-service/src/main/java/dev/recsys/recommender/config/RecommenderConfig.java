package dev.recsys.recommender.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything under {@code recommender.*}; defaults suit `make run` from the repository root. */
@ConfigMapping(prefix = "recommender")
public interface RecommenderConfig {

    /** Root of the model repository ({@code {model}/{version}/}). */
    @WithDefault("./models")
    Path modelRepository();

    /** Name of the served model (directory under the repository, stream suffix, metric label). */
    @WithDefault("movie-recs")
    String modelName();

    Inference inference();

    Cache cache();

    Events events();

    Experiment experiment();

    ActiveUsers activeUsers();

    interface Inference {
        /** {@code auto} (CUDA when an NVIDIA driver is present, else CPU), {@code cuda} (or not ready), {@code cpu}. */
        @WithDefault("auto")
        Provider provider();

        /** ONNX Runtime intra-op threads per session; 0 lets ONNX Runtime decide. */
        @WithDefault("0")
        int intraOpThreads();

        /** Longest time a request waits for others to join its batch. */
        @WithDefault("1ms")
        Duration batchMaxWait();

        /** Most requests scored in one ONNX Runtime call. */
        @WithDefault("64")
        int batchMaxSize();

        /** Threads running batches (each one ONNX Runtime call at a time). */
        @WithDefault("2")
        int workers();

        /** CUDA device ordinal. */
        @WithDefault("0")
        int cudaDevice();
    }

    enum Provider {
        auto, cuda, cpu
    }

    interface Cache {
        @WithDefault("true")
        boolean enabled();

        /** How long a recommendation list stays cached. */
        @WithDefault("5m")
        Duration ttl();

        /** Longest wait for Redis on the request path; beyond it the request is answered uncached. */
        @WithDefault("250ms")
        Duration timeout();

        /** After a Redis failure, the cache is bypassed for this long instead of waiting on Redis again. */
        @WithDefault("2s")
        Duration backoff();

        /** How often the cached lists are counted (SCAN of the model's keys) for the cache-size gauge. */
        @WithDefault("30s")
        Duration sizeInterval();
    }

    interface ActiveUsers {
        /** Counts distinct served users in Redis HyperLogLogs ({@code recommendation_active_users}). */
        @WithDefault("true")
        boolean enabled();

        /** How often the windows are counted for the gauges (PFCOUNT; the summary counts on demand). */
        @WithDefault("15s")
        Duration countInterval();

        /** Longest wait for Redis; beyond it a user is not added, or a count is unknown (NaN). */
        @WithDefault("250ms")
        Duration timeout();
    }

    interface Events {
        @WithDefault("true")
        boolean enabled();

        /** Age beyond which stream entries are trimmed (XADD MINID); must exceed the drift window. */
        @WithDefault("2h")
        Duration retention();

        /** Events waiting for publication; when full, new events are dropped and counted. */
        @WithDefault("10000")
        int bufferSize();

        /** Events sent to Redis in one pipelined round trip. */
        @WithDefault("256")
        int batchSize();

        /** Pause after a failed publication before retrying. */
        @WithDefault("1s")
        Duration retryBackoff();
    }

    interface Experiment {
        /** Experiment name; without it no A/B split happens. */
        Optional<String> name();

        /** Version served to the control group; default: the newest complete version. */
        OptionalInt controlVersion();

        /** Version served to the treatment group. */
        OptionalInt treatmentVersion();

        /** Share of users (0..1) in the treatment group. */
        OptionalDouble treatmentShare();
    }
}
