package dev.recsys.drift.common.problem;

/** A request body, or a part of it, over a configured limit: answered 413, naming {@code field} when known. */
public class PayloadTooLargeException extends RuntimeException {

    private final String field;

    public PayloadTooLargeException(long limitBytes) {
        this(null, "request body exceeds the limit of " + limitBytes + " bytes (quarkus.http.limits.max-body-size)");
    }

    public PayloadTooLargeException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
