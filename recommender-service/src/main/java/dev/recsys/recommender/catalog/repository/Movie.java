package dev.recsys.recommender.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A catalog row; the generated {@code search} column is left to PostgreSQL and not mapped. */
@Entity
@Table(name = "movie")
public class Movie {

    @Id
    @Column(name = "movie_id")
    public Integer movieId;

    public String title;

    /** {@code |}-separated. */
    public String genres;

    public Integer year;

    @Column(name = "rating_count")
    public int ratingCount;

    @Column(name = "mean_rating")
    public float meanRating;

    public float popularity;
}
