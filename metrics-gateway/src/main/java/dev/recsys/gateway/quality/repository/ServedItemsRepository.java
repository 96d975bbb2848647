package dev.recsys.gateway.quality.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.config.GatewayConfig;
import dev.recsys.gateway.quality.TimeRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the beyond-accuracy metrics need from the lists served in a window (docs/statistics.md §7), per
 * (version, variant): how often each item was served, how many lists, and the sum of the lists' stored
 * intra-list diversities, in one set-based statement. Whole buckets of the window come from the exposure
 * rollup (ExposureRollupRepository); the seconds at its edges, and lists not rolled up yet, from the
 * served lists themselves, so that the answer is the same as from the served lists alone. Everything
 * else is computed from these counts (BeyondAccuracyMetrics): the answer has at most one row per
 * (version, variant, item).
 */
@ApplicationScoped
public class ServedItemsRepository {

    /** The lists of one (version, variant) cell of the window; variant '' outside an experiment. */
    public record Cell(String version, String variant, long lists, double diversitySum, long diversityLists,
            Map<Long, Long> exposure) {
    }

    // $1 model, $2 from, $3 bucketed from, $4 bucketed to, $5 to (served time, half-open); the whole
    // buckets as widths $6, starts $7 and ends $8. One statement, so that one snapshot sees the queue and
    // the rollup that a batch changes together. Item rows carry lists = 0, list rows item = null.
    private static final String EXPOSURE = """
            with raw_lists as materialized (   -- the edges, and queued lists served between them
                select version, coalesce(variant, '') as variant, items, intra_list_diversity
                from served_list
                where model = $1 and (served_at >= $2 and served_at < $3 or served_at >= $4 and served_at < $5)
                union all
                select version, coalesce(variant, ''), items, intra_list_diversity
                from served_list
                where request_id = any (array(select request_id from served_pending))
                  and model = $1 and served_at >= $3 and served_at < $4
            ),
            spans as (
                select * from unnest($6::int[], $7::timestamptz[], $8::timestamptz[]) as s (seconds, start_at, end_at)
            ),
            item_counts as (
                select version, variant, item, count(*) as served
                from raw_lists cross join lateral unnest(items) as item
                where item is not null
                group by version, variant, item
                union all
                select r.version, r.variant, r.item, r.served
                from spans s join served_item_rollup r
                  on r.model = $1 and r.bucket_seconds = s.seconds and r.bucket >= s.start_at and r.bucket < s.end_at
            ),
            list_counts as (
                select version, variant, count(*) as lists, coalesce(sum(intra_list_diversity), 0) as diversity_sum,
                       count(intra_list_diversity) as diversity_lists
                from raw_lists
                group by version, variant
                union all
                select r.version, r.variant, r.lists, r.diversity_sum, r.diversity_lists
                from spans s join served_list_rollup r
                  on r.model = $1 and r.bucket_seconds = s.seconds and r.bucket >= s.start_at and r.bucket < s.end_at
            )
            select version, variant, item, sum(served)::bigint as served, 0::bigint as lists,
                   0::float8 as diversity_sum, 0::bigint as diversity_lists
            from item_counts
            group by version, variant, item
            union all
            select version, variant, null, 0, sum(lists)::bigint, sum(diversity_sum), sum(diversity_lists)::bigint
            from list_counts
            group by version, variant""";

    private final Pool pool;

    /** The quality statements' settings: the window's hash aggregate stays in memory, no JIT, no workers. */
    private final String settings;

    public ServedItemsRepository(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.settings = ListSums.setWorkMem(config.quality().workMem())
                + "; set local jit = off; set local max_parallel_workers_per_gather = 0";
    }

    public Uni<List<Cell>> cells(String model, TimeRange range) {
        ExposureBuckets.Cut cut = ExposureBuckets.cut(range.from(), range.to());
        Tuple args = Tuple.tuple(List.of(model, utc(range.from()), utc(cut.bucketedFrom()), utc(cut.bucketedTo()),
                utc(range.to())))
                .addArrayOfInteger(cut.spans().stream().map(ExposureBuckets.Span::seconds).toArray(Integer[]::new))
                .addArrayOfOffsetDateTime(cut.spans().stream().map(span -> utc(span.from()))
                        .toArray(OffsetDateTime[]::new))
                .addArrayOfOffsetDateTime(cut.spans().stream().map(span -> utc(span.to()))
                        .toArray(OffsetDateTime[]::new));
        return pool.withTransaction(connection -> connection.query(settings).execute()
                .chain(() -> connection.preparedQuery(EXPOSURE).execute(args)).map(rows -> {
                    Map<List<String>, CellSums> cells = new LinkedHashMap<>();
                    for (Row row : rows) {
                        CellSums cell = cells.computeIfAbsent(key(row), key -> new CellSums());
                        cell.lists += row.getLong("lists");
                        cell.diversitySum += row.getDouble("diversity_sum");
                        cell.diversityLists += row.getLong("diversity_lists");
                        Long item = row.getLong("item");
                        if (item != null) {
                            cell.exposure.put(item, row.getLong("served"));
                        }
                    }
                    List<Cell> out = new ArrayList<>();
                    cells.forEach((key, sums) -> out.add(new Cell(key.get(0), key.get(1), sums.lists,
                            sums.diversitySum, sums.diversityLists, sums.exposure)));
                    return out;
                }));
    }

    private static final class CellSums {
        long lists;
        double diversitySum;
        long diversityLists;
        final Map<Long, Long> exposure = new LinkedHashMap<>();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static List<String> key(Row row) {
        return List.of(row.getString("version"), row.getString("variant"));
    }
}
