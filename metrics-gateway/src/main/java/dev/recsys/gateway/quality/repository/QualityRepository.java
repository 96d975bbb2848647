package dev.recsys.gateway.quality.repository;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.quality.QualityMetrics;
import dev.recsys.gateway.quality.TimeRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Online quality computed in PostgreSQL with one set-based statement (STATISTICS §5), for the whole
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
    }

    static final String[] RATING_KEYS = { "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0" };

    // $1 model, $2 from, $3 to (feedback receipt time, half-open), $4 relevant rating, $5 k.
    // One pass over the window's feedback (which carries version, variant, rank and score of its
    // list) gives one row per list (per_list); everything else works on those rows. Lists without a
    // variant (no experiment) carry variant '' so that grouping can tell them apart from the slices
    // that do not split by variant.
    private static final String QUALITY = """
            with per_list as materialized (
                select request_id, min(user_id) as user_id, min(version) as version, min(variant) as variant,
                       array_agg(movie_id) filter (where relevant) as relevant_movies,
                       array_agg(rank) filter (where relevant and rank <= $5::int) as relevant_ranks,
                       count(rating) as ratings, sum(rating) as rating_sum,
                       count(rating - score) as scored, sum((rating - score) ^ 2) as squared_error,
                       sum(abs(rating - score)) as absolute_error,
                       count(*) filter (where rating = 0.5) as r05,
                       count(*) filter (where rating = 1.0) as r10,
                       count(*) filter (where rating = 1.5) as r15,
                       count(*) filter (where rating = 2.0) as r20,
                       count(*) filter (where rating = 2.5) as r25,
                       count(*) filter (where rating = 3.0) as r30,
                       count(*) filter (where rating = 3.5) as r35,
                       count(*) filter (where rating = 4.0) as r40,
                       count(*) filter (where rating = 4.5) as r45,
                       count(*) filter (where rating = 5.0) as r50
                from (select request_id, movie_id, rating::float8 as rating,
                             event = 'clicked' or rating::float8 >= $4::float8 as relevant,
                             user_id, version, variant, rank, score
                      from feedback
                      where model = $1 and received_at >= $2 and received_at < $3) as fb
                group by request_id
            ),
            user_relevant as (   -- |relevant for that user in the window|
                select user_id, count(*) as relevant
                from (select distinct p.user_id, m.movie_id
                      from per_list p, unnest(p.relevant_movies) as m(movie_id)) as d
                group by user_id
            ),
            ideal as (           -- ideal DCG of n relevant items, n = 1..k
                select n, sum(ln(2.0::float8) / ln(n + 1.0::float8)) over (order by n) as idcg
                from generate_series(1, $5::int) as n
            ),
            list_score as (      -- relevant movies and hits counted once even if rated >= 4 and clicked
                select p.*, coalesce(r.relevant, 0) as relevant, coalesce(h.hits, 0) as hits, coalesce(h.dcg, 0) as dcg
                from per_list p
                left join lateral (select count(distinct m) as relevant from unnest(p.relevant_movies) as m) r on true
                left join lateral (select count(*) as hits, sum(ln(2.0::float8) / ln(rank + 1.0::float8)) as dcg
                                   from (select distinct rank from unnest(p.relevant_ranks) as rank) as d) h on true
            ),
            lists as (
                select grouping(l.version, l.variant) as g, l.version, l.variant, count(*) as lists,
                       avg(l.hits::float8 / $5::int) as precision,
                       avg(case when u.relevant > 0 then l.hits::float8 / u.relevant else 0 end) as recall,
                       avg(case when l.relevant > 0 then l.dcg / i.idcg else 0 end) as ndcg,
                       avg((l.relevant > 0)::int) as acceptance,
                       sum(l.ratings)::bigint as ratings, sum(l.rating_sum) / nullif(sum(l.ratings), 0) as mean_rating,
                       sqrt(sum(l.squared_error) / nullif(sum(l.scored), 0)) as rmse,
                       sum(l.absolute_error) / nullif(sum(l.scored), 0) as mae,
                       sum(r05)::bigint as r05, sum(r10)::bigint as r10, sum(r15)::bigint as r15, sum(r20)::bigint as r20, sum(r25)::bigint as r25, sum(r30)::bigint as r30, sum(r35)::bigint as r35, sum(r40)::bigint as r40, sum(r45)::bigint as r45, sum(r50)::bigint as r50
                from list_score l
                left join user_relevant u on u.user_id = l.user_id
                left join ideal i on i.n = least(l.relevant, $5::int)
                group by grouping sets ((), (l.version), (l.variant), (l.version, l.variant))
            ),
            served as (          -- engagement: lists served in the window that got feedback in it
                select grouping(s.version, s.variant) as g, s.version, s.variant, count(*) as served,
                       count(p.request_id) as engaged
                from (select request_id, version, coalesce(variant, '') as variant from served_list
                      where model = $1 and served_at >= $2 and served_at < $3) as s
                left join per_list p on p.request_id = s.request_id
                group by grouping sets ((), (s.version), (s.variant), (s.version, s.variant))
            ),
            slices as (
                select g, version, variant from lists
                union select g, version, variant from served
                union select 3, null, null
            )
            select k.g, k.version, k.variant,
                   coalesce(l.lists, 0) as lists, l.precision, l.recall, l.ndcg, l.acceptance,
                   coalesce(l.ratings, 0) as ratings, l.mean_rating, l.rmse, l.mae,
                   l.r05, l.r10, l.r15, l.r20, l.r25, l.r30, l.r35, l.r40, l.r45, l.r50,
                   coalesce(s.served, 0) as served, s.engaged
            from slices k
            left join lists l on l.g = k.g and l.version is not distinct from k.version
                             and l.variant is not distinct from k.variant
            left join served s on s.g = k.g and s.version is not distinct from k.version
                              and s.variant is not distinct from k.variant""";

    private static final String MODELS = """
            select distinct model from feedback where received_at >= $1 and received_at < $2
            union select distinct model from served_list where served_at >= $1 and served_at < $2""";

    private final Pool pool;

    private final String workMem;

    public QualityRepository(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.workMem = config.quality().workMem();
        if (!workMem.matches("\\d{1,6}(kB|MB|GB)")) {
            throw new IllegalArgumentException("gateway.quality.work-mem must look like 64MB, not " + workMem);
        }
    }

    public Uni<List<SliceQuality>> quality(String model, TimeRange range, double relevantRating, int k) {
        Tuple args = Tuple.of(model, range.from().atOffset(ZoneOffset.UTC), range.to().atOffset(ZoneOffset.UTC),
                relevantRating, k);
        // sorts and hashes of one window stay in memory; JIT compilation costs more than it saves here
        return pool.withTransaction(connection -> connection
                .query("set local work_mem = '" + workMem + "'; set local jit = off").execute()
                .chain(() -> connection.preparedQuery(QUALITY).execute(args))).map(rows -> {
            List<SliceQuality> slices = new ArrayList<>(rows.size());
            rows.forEach(row -> slices.add(slice(row)));
            return slices;
        });
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

    private static SliceQuality slice(Row row) {
        Slice slice = switch (row.getInteger("g")) {
            case 0 -> Slice.VERSION_AND_VARIANT;
            case 1 -> Slice.VERSION;
            case 2 -> Slice.VARIANT;
            default -> Slice.OVERALL;
        };
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int i = 0; i < RATING_KEYS.length; i++) {
            Long count = row.getLong(12 + i);
            distribution.put(RATING_KEYS[i], count == null ? 0L : count);
        }
        long served = row.getLong("served");
        Long engaged = row.getLong("engaged");
        Double engagement = served == 0 ? null : engaged.doubleValue() / served;
        QualityMetrics metrics = new QualityMetrics(row.getDouble("rmse"), row.getDouble("mae"),
                row.getDouble("precision"), row.getDouble("recall"), row.getDouble("ndcg"),
                row.getDouble("acceptance"), engagement, row.getDouble("mean_rating"), distribution,
                row.getLong("ratings"), row.getLong("lists"));
        return new SliceQuality(slice, row.getString("version"), row.getString("variant"), metrics);
    }
}
