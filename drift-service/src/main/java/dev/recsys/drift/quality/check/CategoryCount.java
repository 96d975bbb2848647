package dev.recsys.drift.quality.check;

/** A category and how many window events carried it. */
public record CategoryCount(String value, int count) {
}
