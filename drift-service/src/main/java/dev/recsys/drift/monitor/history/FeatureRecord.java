package dev.recsys.drift.monitor.history;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One feature's result in one stored evaluation (table drift_feature_result). */
@Entity
@Table(name = "drift_feature_result")
public class FeatureRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String model;
    @Column(name = "window_end")
    public long windowEnd;
    public String feature;
    public String method;
    public String type;
    public Double statistic;
    @Column(name = "p_value")
    public Double pValue;
    public double threshold;
    @Column(name = "drift_detected")
    public boolean driftDetected;
    @Column(name = "error_bound")
    public Double errorBound;
    public String error;
}
