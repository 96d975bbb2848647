package dev.recsys.drift.quality.history;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The data-quality summary of one stored evaluation (table drift_quality_result). */
@Entity
@Table(name = "drift_quality_result")
public class QualityRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String model;
    @Column(name = "window_end")
    public long windowEnd;
    public int events;
    @Column(name = "checked_events")
    public int checkedEvents;
    public boolean passed;
    /** Violated check ids, comma-separated. */
    public String violations;
    /** The {@code checks} map of the result as JSON. */
    public String checks;
}
