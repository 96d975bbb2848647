package dev.recsys.gateway.report.service;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.quality.TimeRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Feedback received per UTC day and event. */
@ApplicationScoped
public class FeedbackVolumeRepository {

    private static final String VOLUME = """
            select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD') as day, event, count(*) as n
            from feedback
            where model = $1 and received_at >= $2 and received_at < $3
            group by 1, 2""";

    private final Pool pool;

    public FeedbackVolumeRepository(Pool pool) {
        this.pool = pool;
    }

    /** day (YYYY-MM-DD) to event to count. */
    public Uni<Map<String, Map<String, Long>>> perDay(String model, TimeRange range) {
        return pool.preparedQuery(VOLUME)
                .execute(Tuple.of(model, range.from().atOffset(ZoneOffset.UTC), range.to().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, Map<String, Long>> volume = new HashMap<>();
                    rows.forEach(row -> volume.computeIfAbsent(row.getString("day"), day -> new HashMap<>())
                            .put(row.getString("event"), row.getLong("n")));
                    return volume;
                });
    }
}
