package dev.recsys.recommender.catalog.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.recsys.modelrepository.ItemTable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Upserts a model's items into the catalog. Each chunk is one statement over {@code unnest} of column
 * arrays (one round trip for thousands of rows); rows that did not change are not rewritten, so a repeated
 * import of the same items is cheap and idempotent.
 */
@ApplicationScoped
public class CatalogImporter {

    private static final Logger LOG = Logger.getLogger(CatalogImporter.class);
    private static final int CHUNK = 5000;
    /** Per chunk of 5,000 rows (about 0.1 s): beyond it the database counts as hung and the import waits for it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String UPSERT = """
            INSERT INTO movie (movie_id, title, genres, year, rating_count, mean_rating, popularity)
            SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::real[], $7::real[])
            ON CONFLICT (movie_id) DO UPDATE SET
                title = EXCLUDED.title, genres = EXCLUDED.genres, year = EXCLUDED.year,
                rating_count = EXCLUDED.rating_count, mean_rating = EXCLUDED.mean_rating,
                popularity = EXCLUDED.popularity
            WHERE (movie.title, movie.genres, movie.year, movie.rating_count, movie.mean_rating, movie.popularity)
                  IS DISTINCT FROM
                  (EXCLUDED.title, EXCLUDED.genres, EXCLUDED.year, EXCLUDED.rating_count, EXCLUDED.mean_rating,
                   EXCLUDED.popularity)""";

    private final Pool pool;

    public CatalogImporter(Pool pool) {
        this.pool = pool;
    }

    /** Blocking: call from a worker thread. Returns the number of inserted or changed rows. */
    public long importItems(ItemTable items) {
        long start = System.nanoTime();
        long changed = 0;
        for (int from = 0; from < items.size(); from += CHUNK) {
            int to = Math.min(items.size(), from + CHUNK);
            int n = to - from;
            Integer[] ids = new Integer[n];
            String[] titles = new String[n];
            String[] genres = new String[n];
            Integer[] years = new Integer[n];
            Integer[] counts = new Integer[n];
            Float[] means = new Float[n];
            Float[] popularity = new Float[n];
            for (int i = 0; i < n; i++) {
                int item = from + i;
                ids[i] = items.movieId(item);
                titles[i] = items.title(item);
                genres[i] = items.genres(item) == null ? "" : items.genres(item);
                years[i] = items.year(item) == ItemTable.UNKNOWN_YEAR ? null : items.year(item);
                counts[i] = items.ratingCount(item);
                means[i] = items.meanRating(item);
                popularity[i] = items.popularity(item);
            }
            Tuple row = Tuple.tuple().addArrayOfInteger(ids).addArrayOfString(titles).addArrayOfString(genres)
                    .addArrayOfInteger(years).addArrayOfInteger(counts).addArrayOfFloat(means)
                    .addArrayOfFloat(popularity);
            changed += pool.preparedQuery(UPSERT).execute(row).await().atMost(TIMEOUT).rowCount();
        }
        LOG.infof("catalog: %d movies checked, %d inserted or changed, in %d ms", items.size(), changed,
                (System.nanoTime() - start) / 1_000_000);
        return changed;
    }
}
