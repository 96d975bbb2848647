package dev.recsys.drift.monitor.reference;

/** A reference document that cannot be used; {@code field} names the offending part (HTTP 400). */
public class InvalidReferenceException extends RuntimeException {

    private final String field;

    public InvalidReferenceException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
