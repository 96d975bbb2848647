package dev.recsys.drift.monitor.history;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A stored window evaluation (table drift_evaluation, one row per model and window end). */
@Entity
@Table(name = "drift_evaluation")
public class EvaluationRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String model;
    @Column(name = "window_start")
    public long windowStart;
    @Column(name = "window_end")
    public long windowEnd;
    @Column(name = "evaluated_at")
    public Instant evaluatedAt;
    public String status;
    public String mode;
    public long samples;
    @Column(name = "model_version")
    public String modelVersion;
    @Column(name = "reference_source")
    public String referenceSource;
    @Column(name = "drifted_features")
    public Integer driftedFeatures;
    @Column(name = "feature_count")
    public Integer featureCount;
    @Column(name = "drift_share")
    public Double driftShare;
    @Column(name = "drift_detected")
    public Boolean driftDetected;
}
