package dev.recsys.gateway.quality.repository;

/**
 * SQL shared by the rollup job and the quality query, so that a list summed by the rollup and a
 * list summed from its raw feedback by the query are summed the same way. Both statements bind k as
 * $1 and the relevant rating as $2.
 */
final class ListSums {

    /** Whether a feedback row (columns event, rating) is relevant (docs/statistics.md §5). */
    static final String RELEVANT = "(event = 'clicked' or rating::float8 >= $2::float8)";

    /** Rating sums of one list over feedback rows with columns rating (float8) and score. */
    static final String RATINGS = """
            count(rating) as ratings, coalesce(sum(rating), 0) as rating_sum,
            count(rating - score) as scored, coalesce(sum((rating - score) ^ 2), 0) as squared_error,
            coalesce(sum(abs(rating - score)), 0) as absolute_error,
            count(*) filter (where rating = 0.5) as r05, count(*) filter (where rating = 1.0) as r10,
            count(*) filter (where rating = 1.5) as r15, count(*) filter (where rating = 2.0) as r20,
            count(*) filter (where rating = 2.5) as r25, count(*) filter (where rating = 3.0) as r30,
            count(*) filter (where rating = 3.5) as r35, count(*) filter (where rating = 4.0) as r40,
            count(*) filter (where rating = 4.5) as r45, count(*) filter (where rating = 5.0) as r50""";

    /** The rating count columns, in the order of {@link #RATINGS}. */
    static final String[] RATING_COUNTS = { "r05", "r10", "r15", "r20", "r25", "r30", "r35", "r40", "r45", "r50" };

    /** Per list over distinct relevant (request_id, movie_id, rank) rows: the movies, hits and DCG at k. */
    static final String RELEVANT_SUMS = """
            array_agg(movie_id) as movies, count(*) filter (where rank <= $1::int) as hits,
            coalesce(sum(ln(2.0::float8) / ln(rank + 1.0::float8)) filter (where rank <= $1::int), 0) as dcg""";

    /**
     * The {@code SET LOCAL} of {@code gateway.quality.work-mem} for both (SET takes no parameters, so the
     * value is checked before it goes into the statement).
     */
    static String setWorkMem(String workMem) {
        if (!workMem.matches("\\d{1,6}(kB|MB|GB)")) {
            throw new IllegalArgumentException("gateway.quality.work-mem must look like 64MB, not " + workMem);
        }
        return "set local work_mem = '" + workMem + "'";
    }

    private ListSums() {
    }
}
