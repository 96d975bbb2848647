package dev.recsys.drift.common.problem;

/** Bad request input: answered 400 with a problem naming {@code field}. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
