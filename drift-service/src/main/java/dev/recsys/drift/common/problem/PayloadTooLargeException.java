package dev.recsys.drift.common.problem;

/** A request body over the configured limit: answered 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limitBytes) {
        super("request body exceeds the limit of " + limitBytes + " bytes (quarkus.http.limits.max-body-size)");
    }
}
