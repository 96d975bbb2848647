package dev.recsys.gateway.quality.repository;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

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
    // Lists without a variant (no experiment) carry variant '' so that grouping can tell them apart.
    private static final String QUALITY = """
            with fb as (
                select f.request_id, f.user_id, f.movie_id, f.event, f.rating::float8 as rating,
                       f.event = 'clicked' or (f.event = 'rated' and f.rating::float8 >= $4::float8) as relevant,
                       s.version, coalesce(s.variant, '') as variant,
                       array_position(s.items, f.movie_id) as rank,
                       s.scores[array_position(s.items, f.movie_id)] as score
                from feedback f
                join served_list s on s.request_id = f.request_id
                where f.received_at >= $2 and f.received_at < $3 and s.model = $1
            ),
            user_relevant as (   -- |relevant for that user in the window|
                select user_id, count(distinct movie_id) as relevant from fb where relevant group by user_id
            ),
            list_movie as (      -- one row per (list, movie) that received feedback
                select request_id, user_id, version, variant, movie_id, min(rank) as rank, bool_or(relevant) as relevant
                from fb group by request_id, user_id, version, variant, movie_id
            ),
            per_list as (
                select request_id, user_id, version, variant,
                       count(*) filter (where relevant) as relevant,
                       count(*) filter (where relevant and rank <= $5::int) as hits,
                       coalesce(sum(ln(2.0::float8) / ln(rank + 1.0::float8)) filter (where relevant and rank <= $5::int), 0) as dcg
                from list_movie group by request_id, user_id, version, variant
            ),
            ideal as (           -- ideal DCG of n relevant items, n = 1..k
                select n, sum(ln(2.0::float8) / ln(n + 1.0::float8)) over (order by n) as idcg
                from generate_series(1, $5::int) as n
            ),
            list_score as (
                select p.version, p.variant, (p.relevant > 0)::int as accepted,
                       p.hits::float8 / $5::int as precision,
                       case when u.relevant > 0 then p.hits::float8 / u.relevant else 0 end as recall,
                       case when p.relevant > 0 then p.dcg / i.idcg else 0 end as ndcg
                from per_list p
                left join user_relevant u on u.user_id = p.user_id
                left join ideal i on i.n = least(p.relevant, $5::int)
            ),
            lists as (
                select grouping(version, variant) as g, version, variant, count(*) as lists,
                       avg(precision) as precision, avg(recall) as recall, avg(ndcg) as ndcg,
                       avg(accepted) as acceptance
                from list_score group by grouping sets ((), (version), (variant), (version, variant))
            ),
            ratings as (
                select grouping(version, variant) as g, version, variant, count(*) as ratings,
                       avg(rating) as mean_rating,
                       sqrt(avg((rating - score) ^ 2)) as rmse, avg(abs(rating - score)) as mae,
                       count(*) filter (where rating = 0.5) as r05, count(*) filter (where rating = 1.0) as r10,
                       count(*) filter (where rating = 1.5) as r15, count(*) filter (where rating = 2.0) as r20,
                       count(*) filter (where rating = 2.5) as r25, count(*) filter (where rating = 3.0) as r30,
                       count(*) filter (where rating = 3.5) as r35, count(*) filter (where rating = 4.0) as r40,
                       count(*) filter (where rating = 4.5) as r45, count(*) filter (where rating = 5.0) as r50
                from fb where event = 'rated'
                group by grouping sets ((), (version), (variant), (version, variant))
            ),
            served as (          -- engagement: lists served in the window that got feedback in it
                select grouping(version, variant) as g, version, variant, count(*) as served,
                       count(*) filter (where engaged) as engaged
                from (select s.version, coalesce(s.variant, '') as variant,
                             exists (select 1 from feedback f where f.request_id = s.request_id
                                     and f.received_at >= $2 and f.received_at < $3) as engaged
                      from served_list s
                      where s.model = $1 and s.served_at >= $2 and s.served_at < $3) as s
                group by grouping sets ((), (version), (variant), (version, variant))
            ),
            slices as (
                select g, version, variant from lists
                union select g, version, variant from ratings
                union select g, version, variant from served
                union select 3, null, null
            )
            select k.g, k.version, k.variant,
                   coalesce(l.lists, 0) as lists, l.precision, l.recall, l.ndcg, l.acceptance,
                   coalesce(r.ratings, 0) as ratings, r.mean_rating, r.rmse, r.mae,
                   r.r05, r.r10, r.r15, r.r20, r.r25, r.r30, r.r35, r.r40, r.r45, r.r50,
                   coalesce(s.served, 0) as served, s.engaged
            from slices k
            left join lists l on l.g = k.g and l.version is not distinct from k.version
                             and l.variant is not distinct from k.variant
            left join ratings r on r.g = k.g and r.version is not distinct from k.version
                               and r.variant is not distinct from k.variant
            left join served s on s.g = k.g and s.version is not distinct from k.version
                              and s.variant is not distinct from k.variant""";

    private static final String MODELS = """
            select distinct s.model from feedback f join served_list s on s.request_id = f.request_id
            where f.received_at >= $1 and f.received_at < $2
            union select distinct model from served_list where served_at >= $1 and served_at < $2""";

    private final Pool pool;

    public QualityRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<SliceQuality>> quality(String model, TimeRange range, double relevantRating, int k) {
        Tuple args = Tuple.of(model, range.from().atOffset(ZoneOffset.UTC), range.to().atOffset(ZoneOffset.UTC),
                relevantRating, k);
        return pool.preparedQuery(QUALITY).execute(args).map(rows -> {
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
