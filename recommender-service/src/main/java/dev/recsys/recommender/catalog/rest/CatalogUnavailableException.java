package dev.recsys.recommender.catalog.rest;

/** Thrown when the catalog database cannot be reached; answered 503 with {@code Retry-After}. */
public class CatalogUnavailableException extends RuntimeException {

    /** The catalog's health probe runs every 5 s: a retry after that sees the database's state anew. */
    static final int RETRY_AFTER_SECONDS = 5;

    CatalogUnavailableException() {
        super("the movie catalog is temporarily unavailable; recommendations are still served, retry later", null,
                false, false);
    }
}
