package dev.recsys.gateway.quality.repository;

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
 * What the beyond-accuracy metrics need from the lists served in a window (STATISTICS §7), per
 * (version, variant): how often each item was served, how many lists, and the sum of the lists' stored
 * intra-list diversities, in one set-based statement that reads each list once. Everything else is computed
 * from these counts (BeyondAccuracyMetrics): the answer has at most one row per (version, variant, item).
 */
@ApplicationScoped
public class ServedItemsRepository {

    /** The lists of one (version, variant) cell of the window; variant '' outside an experiment. */
    public record Cell(String version, String variant, long lists, double diversitySum, long diversityLists,
            Map<Long, Long> exposure) {
    }

    // $1 model, $2 from, $3 to (served time, half-open). One scan: a row per served slot (a list without
    // items gives one row with a null item), and each list's count and diversity taken at its first row.
    private static final String EXPOSURE = """
            select version, coalesce(variant, '') as variant, item, count(item) as served,
                   count(*) filter (where slot is null or slot = 1) as lists,
                   coalesce(sum(intra_list_diversity) filter (where slot = 1), 0) as diversity_sum,
                   count(intra_list_diversity) filter (where slot = 1) as diversity_lists
            from served_list left join lateral unnest(items) with ordinality as slot_item (item, slot) on true
            where model = $1 and served_at >= $2 and served_at < $3
            group by version, coalesce(variant, ''), item""";

    private final Pool pool;

    /** The quality statements' settings: the window's hash aggregate stays in memory, no JIT, no workers. */
    private final String settings;

    public ServedItemsRepository(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.settings = ListSums.setWorkMem(config.quality().workMem())
                + "; set local jit = off; set local max_parallel_workers_per_gather = 0";
    }

    public Uni<List<Cell>> cells(String model, TimeRange range) {
        Tuple args = Tuple.of(model, range.from().atOffset(ZoneOffset.UTC), range.to().atOffset(ZoneOffset.UTC));
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

    private static List<String> key(Row row) {
        return List.of(row.getString("version"), row.getString("variant"));
    }
}
