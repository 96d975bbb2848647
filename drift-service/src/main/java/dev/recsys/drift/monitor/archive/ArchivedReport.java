package dev.recsys.drift.monitor.archive;

import java.time.Instant;

/**
 * An archived report's listing entry (table drift_report), without its HTML: listing never loads
 * it; {@link ReportArchiveRepository#html} reads it for one report.
 *
 * @param verdict {@code drift} or {@code no_drift}: the dataset verdict of the evaluation
 * @param reason  why it was archived: {@code verdict_change} (or the model's first report) or {@code scheduled}
 */
public record ArchivedReport(long id, String model, long windowEnd, Instant createdAt, String verdict, String reason) {
}
