package dev.recsys.drift.quality.check;

/** The data-quality checks; {@link #id()} is the key in results and the {@code check} metric label. */
public enum QualityCheck {
    MISSING("missing"),
    RANGE("range"),
    NEW_CATEGORY("new_category"),
    CONSTANT("constant"),
    DUPLICATES("duplicates"),
    SCHEMA("schema"),
    FRESHNESS("freshness"),
    CORRELATION("correlation");

    private final String id;

    QualityCheck(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
