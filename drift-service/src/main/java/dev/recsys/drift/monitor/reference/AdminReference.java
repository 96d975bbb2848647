package dev.recsys.drift.monitor.reference;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A reference set by {@code PUT /api/v1/drift/models/{model}/reference}: the request's JSON, kept verbatim. */
@Entity
@Table(name = "drift_reference")
public class AdminReference extends PanacheEntityBase {

    @Id
    public String model;

    /** The {@code {"features": {…}}} document. */
    @Column(nullable = false, columnDefinition = "text")
    public String features;

    @Column(nullable = false)
    public int samples;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
