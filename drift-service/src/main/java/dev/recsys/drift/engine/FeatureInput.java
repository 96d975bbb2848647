package dev.recsys.drift.engine;

/** Reference and current values of one feature plus its optional spec. */
public record FeatureInput(Column reference, Column current, FeatureSpec spec) {

    public FeatureInput(Column reference, Column current) {
        this(reference, current, FeatureSpec.DEFAULT);
    }
}
