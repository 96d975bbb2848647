package dev.recsys.drift.quality.check;

import java.util.List;

/**
 * Events of a window that repeat an earlier event's {@code eventId}; only the first is checked.
 *
 * @param count          repeated events
 * @param sampleEventIds a few of the repeated ids
 */
public record DuplicateReport(int count, List<String> sampleEventIds) {
}
