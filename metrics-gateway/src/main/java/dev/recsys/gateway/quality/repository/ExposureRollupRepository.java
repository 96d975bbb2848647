package dev.recsys.gateway.quality.repository;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rolls stored served lists up into per-bucket exposure counts (served_item_rollup) and list counts
 * with diversity sums (served_list_rollup), one batch per transaction, at every bucket width of
 * {@link ExposureBuckets}. A batch takes its lists out of served_pending in the same transaction that
 * adds them to the sums, so that the exposure query, which reads both, counts every list once.
 */
@ApplicationScoped
public class ExposureRollupRepository {

    /** Advisory lock held by the replica that rolls up exposure, and by retention while it deletes buckets. */
    private static final long LOCK = 0x6761_7465_7761_7902L;

    // $1 batch size, $2 bucket widths in seconds. A queued list that retention has deleted meanwhile is
    // not found in served_list and leaves the queue uncounted, as it left served_list.
    private static final String ROLL_UP = """
            with batch as (
                delete from served_pending
                where ctid = any (array(select ctid from served_pending limit $1))
                returning request_id
            ),
            bucketed as materialized (   -- each list once per bucket width
                select s.model, w.seconds,
                       date_bin(make_interval(secs => w.seconds), s.served_at, timestamptz 'epoch') as bucket,
                       s.version, coalesce(s.variant, '') as variant, s.items, s.intra_list_diversity
                from served_list s cross join unnest($2::int[]) as w (seconds)
                where s.request_id = any (array(select request_id from batch))
            ),
            items as (
                insert into served_item_rollup as r (model, bucket_seconds, bucket, version, variant, item, served)
                select model, seconds, bucket, version, variant, item, count(*)
                from bucketed cross join lateral unnest(items) as item
                where item is not null
                group by model, seconds, bucket, version, variant, item
                on conflict (model, bucket_seconds, bucket, version, variant, item) do update
                    set served = r.served + excluded.served
            ),
            lists as (
                insert into served_list_rollup as r (model, bucket_seconds, bucket, version, variant, lists,
                        diversity_sum, diversity_lists)
                select model, seconds, bucket, version, variant, count(*), coalesce(sum(intra_list_diversity), 0),
                       count(intra_list_diversity)
                from bucketed
                group by model, seconds, bucket, version, variant
                on conflict (model, bucket_seconds, bucket, version, variant) do update
                    set lists = r.lists + excluded.lists, diversity_sum = r.diversity_sum + excluded.diversity_sum,
                        diversity_lists = r.diversity_lists + excluded.diversity_lists
            )
            select count(*) from batch""";

    private final Pool pool;

    public ExposureRollupRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Rolls up at most {@code batchSize} queued served lists; returns the lists taken from the queue,
     * or -1 when another replica (or retention) holds the lock.
     */
    public Uni<Integer> rollUp(int batchSize, String workMem) {
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK))
                .chain(locked -> {
                    if (!locked.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(-1);
                    }
                    return tx.query(ListSums.setWorkMem(workMem)).execute()
                            .chain(() -> tx.preparedQuery(ROLL_UP)
                                    .execute(Tuple.of(batchSize, ExposureBuckets.SECONDS)))
                            .map(rows -> rows.iterator().next().getLong(0).intValue());
                }));
    }

    /**
     * Deletes the buckets that start before the cutoff, which must be a whole multiple of the widest
     * bucket (retention deletes the lists served before it). Waits for a running batch: one that
     * read lists before retention deleted them has committed its rows by then, and they go too.
     */
    public Uni<Integer> deleteBucketsBefore(Instant cutoff) {
        if (cutoff.getEpochSecond() % ExposureBuckets.WIDEST != 0 || cutoff.getNano() != 0) {
            throw new IllegalArgumentException("cutoff " + cutoff + " is not a bucket boundary");
        }
        Tuple args = Tuple.of(cutoff.atOffset(ZoneOffset.UTC));
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(LOCK))
                .chain(() -> tx.preparedQuery("delete from served_item_rollup where bucket < $1").execute(args))
                .chain(items -> tx.preparedQuery("delete from served_list_rollup where bucket < $1").execute(args)
                        .map(lists -> items.rowCount() + lists.rowCount())));
    }

    /** Vacuums and analyzes what rolling up churns (see QualityRollupRepository.vacuum). */
    public Uni<Void> vacuum() {
        return pool.query("vacuum (analyze) served_pending, served_item_rollup, served_list_rollup").execute()
                .replaceWithVoid();
    }
}
