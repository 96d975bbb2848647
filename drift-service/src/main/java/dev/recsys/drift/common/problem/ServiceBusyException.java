package dev.recsys.drift.common.problem;

/** The service has no capacity for the request right now: answered 503 with {@code Retry-After}. */
public class ServiceBusyException extends RuntimeException {

    private final long retryAfterSeconds;

    public ServiceBusyException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
