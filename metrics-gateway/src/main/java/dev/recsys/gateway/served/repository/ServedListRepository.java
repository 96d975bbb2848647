package dev.recsys.gateway.served.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.served.ServedList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Served lists in PostgreSQL; a list is stored once, whoever (consumer or feedback) sees it first. */
@ApplicationScoped
public class ServedListRepository {

    private static final String INSERT = """
            with stored as (
                insert into served_list (request_id, model, version, experiment, variant, user_id, served_at, items,
                                         scores, intra_list_diversity)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                on conflict (request_id) do nothing
                returning request_id
            )
            insert into served_pending (request_id) select request_id from stored   -- for the exposure rollup""";

    private final Pool pool;

    public ServedListRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insertAll(List<ServedList> lists) {
        if (lists.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(INSERT).executeBatch(lists.stream().map(ServedListRepository::tuple).toList())
                .replaceWithVoid();
    }

    public Uni<Void> insert(SqlClient client, ServedList list) {
        return client.preparedQuery(INSERT).execute(tuple(list)).replaceWithVoid();
    }

    /**
     * Deletes lists served before the cutoff and their feedback (and, by foreign key, their quality
     * rollup rows); returns the lists deleted. Their exposure rollup rows go separately
     * (ExposureRollupRepository.deleteBucketsBefore); a list still queued for it is skipped by the rollup.
     */
    public Uni<Integer> deleteServedBefore(Instant cutoff) {
        return pool.preparedQuery("""
                with expired as (delete from served_list where served_at < $1 returning request_id),
                feedback_of_expired as (delete from feedback where request_id in (select request_id from expired))
                select count(*) from expired""")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    private static Tuple tuple(ServedList list) {
        return Tuple.tuple(List.of(list.requestId(), list.model(), list.version()))
                .addString(list.experiment()).addString(list.variant())
                .addLong(list.userId()).addOffsetDateTime(list.servedAt().atOffset(ZoneOffset.UTC))
                .addArrayOfLong(list.items()).addArrayOfDouble(list.scores()).addDouble(list.intraListDiversity());
    }
}
