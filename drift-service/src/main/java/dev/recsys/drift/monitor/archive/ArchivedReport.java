package dev.recsys.drift.monitor.archive;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An archived report's listing entry (table drift_report). The HTML column is not mapped, so
 * listing never loads it; {@link ReportArchiveRepository#html} reads it for one report.
 */
@Entity
@Table(name = "drift_report")
public class ArchivedReport extends PanacheEntityBase {

    @Id
    public Long id;
    public String model;
    @Column(name = "window_end")
    public long windowEnd;
    @Column(name = "created_at")
    public Instant createdAt;
    /** {@code drift} or {@code no_drift}: the dataset verdict of the evaluation. */
    public String verdict;
    /** Why it was archived: {@code verdict_change} (or the model's first report) or {@code scheduled}. */
    public String reason;
}
