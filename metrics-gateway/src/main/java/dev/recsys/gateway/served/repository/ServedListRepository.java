package dev.recsys.gateway.served.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.served.ServedList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Served lists in PostgreSQL; a list is stored once however often its event is read. */
@ApplicationScoped
public class ServedListRepository {

    /**
     * Many lists in one statement: one array parameter per column, unnested into rows (items and scores
     * travel as array literals, as a column of arrays cannot be one array parameter). A list stored
     * before, or twice in the batch, is skipped.
     */
    private static final String INSERT = """
            with batch as (
                select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[],
                                     $6::int8[], $7::timestamptz[], $8::text[], $9::text[], $10::float8[])
                    as b(request_id, model, version, experiment, variant, user_id, served_at, items, scores,
                         intra_list_diversity)
            ), stored as (
                insert into served_list (request_id, model, version, experiment, variant, user_id, served_at, items,
                                         scores, intra_list_diversity)
                select request_id, model, version, experiment, variant, user_id, served_at, items::int8[],
                       scores::float8[], intra_list_diversity
                from batch
                on conflict (request_id) do nothing
                returning request_id
            )
            insert into served_pending (request_id) select request_id from stored   -- for the exposure rollup""";

    private final Pool pool;

    public ServedListRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insertAll(SqlClient client, List<ServedList> lists) {
        if (lists.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = lists.size();
        String[] requestIds = new String[n];
        String[] models = new String[n];
        String[] versions = new String[n];
        String[] experiments = new String[n];
        String[] variants = new String[n];
        Long[] users = new Long[n];
        OffsetDateTime[] servedAt = new OffsetDateTime[n];
        String[] items = new String[n];
        String[] scores = new String[n];
        Double[] diversities = new Double[n];
        for (int i = 0; i < n; i++) {
            ServedList list = lists.get(i);
            requestIds[i] = list.requestId();
            models[i] = list.model();
            versions[i] = list.version();
            experiments[i] = list.experiment();
            variants[i] = list.variant();
            users[i] = list.userId();
            servedAt[i] = list.servedAt().atOffset(ZoneOffset.UTC);
            items[i] = arrayLiteral(list.items());
            scores[i] = arrayLiteral(list.scores());
            diversities[i] = list.intraListDiversity();
        }
        return client.preparedQuery(INSERT).execute(Tuple.tuple(List.of(requestIds, models, versions, experiments,
                variants, users, servedAt, items, scores)).addArrayOfDouble(diversities)).replaceWithVoid();
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

    /** PostgreSQL array literal of numbers, NULL for a missing one: {1,2,NULL}. */
    private static String arrayLiteral(Number[] values) {
        StringJoiner literal = new StringJoiner(",", "{", "}");
        for (Number value : values) {
            literal.add(value == null ? "NULL" : value.toString());
        }
        return literal.toString();
    }
}
