package dev.recsys.gateway.quality.repository;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.quality.QualityMetrics;
import dev.recsys.gateway.quality.TimeRange;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Online quality computed in PostgreSQL with one set-based statement (docs/statistics.md §5), for the whole
 * model and per version, per variant and per (version, variant) at once (GROUPING SETS).
 */
@ApplicationScoped
public class QualityRepository {

    /** Which slice a row describes. */
    public enum Slice {
        OVERALL, VERSION, VARIANT, VERSION_AND_VARIANT
    }

    /** One slice; version and variant are null where the slice does not split by them. */
    public record SliceQuality(Slice slice, String version, String variant, QualityMetrics metrics) {

        /** Whether the slice holds the lists of this (version, variant) cell. */
        public boolean holds(String cellVersion, String cellVariant) {
            return (version == null || version.equals(cellVersion))
                    && (variant == null || variant.equals(cellVariant));
        }

        public SliceQuality with(QualityMetrics replaced) {
            return new SliceQuality(slice, version, variant, replaced);
        }
    }

    static final String[] RATING_KEYS = { "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0" };

    // $1 k, $2 relevant rating, $3 model, $4 from, $5 to (feedback receipt time, half-open).
    // window_lists has one row per list with feedback in the window: from the rollup when all of the
    // list's feedback is rolled up and inside the window and the rollup was built with this k and
    // relevant rating (a replica configured otherwise, or one whose rebuild has not committed yet,
    // sums every list itself), otherwise summed from the list's raw
    // feedback in the window the way the rollup sums it (ListSums). Lists without a variant (no
    // experiment) carry variant '' so that grouping can tell them apart from the slices that do not
    // split by variant. SUMS and RECALL run without nested-loop joins (see quality()): rows are
    // looked up by key with "= any (array(...))" and correlated subqueries instead; the window's
    // lists are only sorted and aggregated, never joined, so no guessed row count decides a plan.
    private static final String WINDOW_LISTS = """
            with rollup_fits as materialized (    -- the rollup was built with this k and relevant rating
                select exists (select from quality_rollup_settings
                               where k = $1::int and relevant_rating = $2::float8) as fits
            ),
            pending_lists as materialized (       -- lists with feedback not rolled up yet
                select distinct request_id from feedback
                where id = any (array(select feedback_id from feedback_pending)) and model = $3
            ),
            raw_lists as materialized (           -- lists the rollup cannot give for this window
                select request_id from list_quality
                where model = $3 and last_at >= $4 and first_at < $5
                  and (first_at < $4 or last_at >= $5 or not (select fits from rollup_fits))
                union select request_id from pending_lists
            ),
            raw_fb as materialized (              -- their feedback in the window
                select request_id, user_id, version, variant, movie_id, rank, score, rating::float8 as rating,
                       %1$s as relevant
                from feedback
                where request_id = any (array(select request_id from raw_lists))
                  and received_at >= $4 and received_at < $5
            ),
            raw_window_lists as materialized (
                select r.user_id, r.version, r.variant,
                       (select served_at from served_list s where s.request_id = r.request_id) as served_at,
                       coalesce(v.movies, '{}') as relevant_movies, coalesce(v.hits, 0) as hits,
                       coalesce(v.dcg, 0) as dcg, r.ratings, r.rating_sum, r.scored, r.squared_error,
                       r.absolute_error, r.r05, r.r10, r.r15, r.r20, r.r25, r.r30, r.r35, r.r40, r.r45, r.r50
                from (select request_id, min(user_id) as user_id, min(version) as version,
                             min(variant) as variant, %2$s
                      from raw_fb group by request_id) as r
                left join (select request_id, %3$s
                           from (select distinct request_id, movie_id, rank from raw_fb where relevant) as d
                           group by request_id) as v on v.request_id = r.request_id
            ),
            repeating_users as materialized (     -- users who may have one movie relevant in two lists
                select user_id from user_relevant_movie where model = $3 and lists > 1 and last_at >= $4
                union select user_id from raw_fb
            ),
            window_lists as not materialized (    -- read where used: copying it costs more
                select user_id, version, variant, served_at, relevant_movies, hits, dcg,
                       ratings, rating_sum, scored, squared_error, absolute_error,
                       r05, r10, r15, r20, r25, r30, r35, r40, r45, r50
                from list_quality
                where model = $3 and last_at >= $4 and first_at >= $4 and last_at < $5
                  and request_id not in (select request_id from pending_lists) and (select fits from rollup_fits)
                union all
                select * from raw_window_lists
            ),
            """.formatted(ListSums.RELEVANT, ListSums.RATINGS, ListSums.RELEVANT_SUMS);

    // Everything but recall, per slice and added up by the grouping sets.
    private static final String SUMS = WINDOW_LISTS + """
            ideal as (                            -- ideal DCG of n relevant items at [n], n = 1..k
                select array_agg(idcg order by n) as idcg
                from (select n, sum(ln(2.0::float8) / ln(n + 1.0::float8)) over (order by n) as idcg
                      from generate_series(1, $1::int) as n) as i
            ),
            per_slice as (
                select version, variant, count(*) as lists, sum(hits) as hits,
                       sum(coalesce(dcg / (select idcg from ideal)[least(cardinality(relevant_movies), $1::int)], 0))
                           as ndcg_sum,
                       count(*) filter (where cardinality(relevant_movies) > 0) as accepted,
                       count(*) filter (where served_at >= $4 and served_at < $5) as engaged,
                       sum(ratings) as ratings, sum(rating_sum) as rating_sum, sum(scored) as scored,
                       sum(squared_error) as squared_error, sum(absolute_error) as absolute_error,
                       sum(r05) as r05, sum(r10) as r10, sum(r15) as r15, sum(r20) as r20, sum(r25) as r25,
                       sum(r30) as r30, sum(r35) as r35, sum(r40) as r40, sum(r45) as r45, sum(r50) as r50
                from window_lists
                group by version, variant
            ),
            served_slice as (                     -- lists served in the window, for engagement
                select version, coalesce(variant, '') as variant, count(*) as served
                from served_list where model = $3 and served_at >= $4 and served_at < $5
                group by version, coalesce(variant, '')
            ),
            slice as (
                select coalesce(p.version, s.version) as version, coalesce(p.variant, s.variant) as variant,
                       p.lists, p.hits, p.ndcg_sum, p.accepted, p.engaged, p.ratings, p.rating_sum,
                       p.scored, p.squared_error, p.absolute_error,
                       p.r05, p.r10, p.r15, p.r20, p.r25, p.r30, p.r35, p.r40, p.r45, p.r50, s.served
                from per_slice p full join served_slice s on s.version = p.version and s.variant = p.variant
            )
            select grouping(version, variant) as g, version, variant,
                   coalesce(sum(lists), 0) as lists,
                   sum(hits)::float8 / $1::int / nullif(sum(lists), 0) as precision,
                   sum(ndcg_sum) / nullif(sum(lists), 0) as ndcg,
                   sum(accepted)::float8 / nullif(sum(lists), 0) as acceptance,
                   coalesce(sum(ratings), 0)::bigint as ratings, sum(rating_sum) / nullif(sum(ratings), 0) as mean_rating,
                   sqrt(sum(squared_error) / nullif(sum(scored), 0)) as rmse,
                   sum(absolute_error) / nullif(sum(scored), 0) as mae,
                   sum(r05)::bigint as r05, sum(r10)::bigint as r10, sum(r15)::bigint as r15,
                   sum(r20)::bigint as r20, sum(r25)::bigint as r25, sum(r30)::bigint as r30,
                   sum(r35)::bigint as r35, sum(r40)::bigint as r40, sum(r45)::bigint as r45,
                   sum(r50)::bigint as r50,
                   coalesce(sum(served), 0)::bigint as served, coalesce(sum(engaged), 0)::bigint as engaged
            from slice
            group by grouping sets ((), (version), (variant), (version, variant))
            """;

    // Recall per slice: the window's lists, each with its share of |relevant for that user in the
    // window|, and per repeating user a row with the user's distinct relevant movies, which is that
    // user's share ("is true" keeps each membership test a hashed subplan); sorted by user once.
    private static final String RECALL = WINDOW_LISTS + """
            list_and_user_rows as (
                select true as is_list, user_id, version, variant, hits,
                       case when not (select exists (select from repeating_users)) then cardinality(relevant_movies)
                            when (user_id in (select user_id from repeating_users)) is true then 0
                            else cardinality(relevant_movies) end as user_relevant_part
                from window_lists
                union all
                select false, user_id, null, null, null, count(distinct movie_id)
                from (select user_id, unnest(relevant_movies) as movie_id from window_lists
                      where exists (select from repeating_users)
                        and (user_id in (select user_id from repeating_users)) is true) as m
                group by user_id
            ),
            per_slice as (
                select version, variant, count(*) as lists,
                       sum(case when user_relevant > 0 then hits::float8 / user_relevant else 0 end) as recall_sum
                from (select l.*, sum(user_relevant_part) over (partition by user_id)
                                      as user_relevant   -- |relevant for that user in the window|
                      from list_and_user_rows l) as u
                where is_list
                group by version, variant
            )
            select grouping(version, variant) as g, version, variant, sum(recall_sum) / sum(lists) as recall
            from per_slice
            group by grouping sets ((), (version), (variant), (version, variant))
            """;

    private static final String MODELS = """
            select distinct model from feedback where received_at >= $1 and received_at < $2
            union select distinct model from served_list where served_at >= $1 and served_at < $2""";

    /** Quality answers that may hold two connections at once. */
    static final int PARALLEL_QUERIES = 2;

    private final Pool pool;

    private final String setWorkMem;

    private final Semaphore parallelQueries = new Semaphore(PARALLEL_QUERIES);

    public QualityRepository(Pool pool, GatewayConfig config) {
        this.pool = pool;
        // checked here, so that a bad value stops the gateway at start rather than failing every answer
        this.setWorkMem = ListSums.setWorkMem(config.quality().workMem());
    }

    /**
     * Quality of every slice. SUMS and RECALL run at the same time on two connections that share one
     * snapshot (the first exports it, the second adopts it), so both see the same feedback and the
     * answer takes about as long as the slower of the two. At most {@link #PARALLEL_QUERIES} answers
     * hold a second connection at once; others run both statements one after the other on one
     * connection, so that answers waiting for a second connection can never hold the whole pool.
     */
    public Uni<List<SliceQuality>> quality(String model, TimeRange range, double relevantRating, int k) {
        Tuple args = Tuple.of(k, relevantRating, model, range.from().atOffset(ZoneOffset.UTC),
                range.to().atOffset(ZoneOffset.UTC));
        // the permit is taken when the answer is computed, not when it is asked for
        Uni<Tuple2<RowSet<Row>, RowSet<Row>>> results = Uni.createFrom().deferred(() -> {
            if (!parallelQueries.tryAcquire()) {
                return pool.withTransaction(connection -> connection.query(REPEATABLE_READ).execute()
                        .chain(() -> tuned(connection))
                        .chain(() -> connection.preparedQuery(SUMS).execute(args))
                        .chain(sums -> connection.preparedQuery(RECALL).execute(args)
                                .map(recall -> Tuple2.of(sums, recall))));
            }
            return pool.withTransaction(sumsConnection -> sumsConnection.query(REPEATABLE_READ).execute()
                    .chain(() -> sumsConnection.query("select pg_export_snapshot()").execute())
                    .map(rows -> rows.iterator().next().getString(0))
                    .chain(snapshot -> Uni.combine().all().unis(
                            tuned(sumsConnection).chain(() -> sumsConnection.preparedQuery(SUMS).execute(args)),
                            pool.withTransaction(recallConnection -> recallConnection.query(REPEATABLE_READ)
                                    .execute()
                                    .chain(() -> recallConnection.query(adopt(snapshot)).execute())
                                    .chain(() -> tuned(recallConnection))
                                    .chain(() -> recallConnection.preparedQuery(RECALL).execute(args))))
                            .asTuple()))
                    .onTermination().invoke(parallelQueries::release);
        });
        return results.map(sumsAndRecall -> {
            Map<SliceKey, Double> recall = new HashMap<>();
            sumsAndRecall.getItem2().forEach(row -> recall.put(SliceKey.of(row), row.getDouble("recall")));
            List<SliceQuality> slices = new ArrayList<>();
            sumsAndRecall.getItem1().forEach(row -> slices.add(slice(row, recall.get(SliceKey.of(row)))));
            return slices;
        });
    }

    private record SliceKey(int grouping, String version, String variant) {

        static SliceKey of(Row row) {
            return new SliceKey(row.getInteger("g"), row.getString("version"), row.getString("variant"));
        }
    }

    private static final String REPEATABLE_READ = "set transaction isolation level repeatable read";

    private static String adopt(String snapshot) {
        // SET takes no parameters; the id comes from PostgreSQL and looks like 00000003-0000001B-1
        if (!snapshot.matches("[0-9A-Fa-f-]{1,64}")) {
            throw new IllegalStateException("unexpected snapshot id " + snapshot);
        }
        return "set transaction snapshot '" + snapshot + "'";
    }

    // sorts and hashes of one window stay in memory; JIT compilation costs more than it saves here, and
    // so do parallel workers (the two statements already use both cores of a small machine). No nested
    // loops: the planner cannot know how many rows the window's CTEs hold, and a nested loop over a
    // guess of 200 users that were really 20,000 took minutes; SUMS and RECALL need none.
    private Uni<Void> tuned(SqlConnection connection) {
        return connection.query(setWorkMem + "; set local jit = off; "
                + "set local max_parallel_workers_per_gather = 0; set local enable_nestloop = off").execute()
                .replaceWithVoid();
    }

    /** Models with traffic or feedback in the range. */
    public Uni<List<String>> models(TimeRange range) {
        return pool.preparedQuery(MODELS)
                .execute(Tuple.of(range.from().atOffset(ZoneOffset.UTC), range.to().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<String> models = new ArrayList<>();
                    rows.forEach(row -> models.add(row.getString(0)));
                    return models;
                });
    }

    private static SliceQuality slice(Row row, Double recall) {
        Slice slice = switch (row.getInteger("g")) {
            case 0 -> Slice.VERSION_AND_VARIANT;
            case 1 -> Slice.VERSION;
            case 2 -> Slice.VARIANT;
            default -> Slice.OVERALL;
        };
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int i = 0; i < RATING_KEYS.length; i++) {
            Long count = row.getLong(ListSums.RATING_COUNTS[i]);
            distribution.put(RATING_KEYS[i], count == null ? 0L : count);
        }
        long served = row.getLong("served");
        Long engaged = row.getLong("engaged");
        Double engagement = served == 0 ? null : engaged.doubleValue() / served;
        QualityMetrics metrics = new QualityMetrics(row.getDouble("rmse"), row.getDouble("mae"),
                row.getDouble("precision"), recall, row.getDouble("ndcg"),
                row.getDouble("acceptance"), engagement, row.getDouble("mean_rating"), distribution,
                row.getLong("ratings"), row.getLong("lists"), null, null);
        return new SliceQuality(slice, row.getString("version"), row.getString("variant"), metrics);
    }
}
