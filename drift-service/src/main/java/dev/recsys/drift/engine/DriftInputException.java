package dev.recsys.drift.engine;

/**
 * Input the engine cannot evaluate by definition (e.g. ks on labels); maps to HTTP 400.
 * {@code field} names the offending part of the request, e.g. {@code features.age.method}.
 */
public class DriftInputException extends RuntimeException {

    private final String field;

    public DriftInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
