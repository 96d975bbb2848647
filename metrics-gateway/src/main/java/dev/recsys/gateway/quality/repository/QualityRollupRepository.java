package dev.recsys.gateway.quality.repository;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rolls stored feedback up into per-list sums (list_quality) and relevant (user, movie) pairs
 * (user_relevant_movie), one batch per transaction. A batch takes its rows out of feedback_pending
 * in the same transaction that adds them to the sums, so that a quality query, which reads both,
 * counts every feedback row once.
 */
@ApplicationScoped
public class QualityRollupRepository {

    private static final Logger LOG = Logger.getLogger(QualityRollupRepository.class);

    /** Advisory lock held by the replica that rolls up, so that replicas never roll up concurrently. */
    private static final long LOCK = 0x6761_7465_7761_7901L;

    // $1 k, $2 relevant rating, $3 batch size.
    private static final String ROLL_UP = """
            with batch as (
                delete from feedback_pending
                where ctid = any (array(select ctid from feedback_pending limit $3))
                returning feedback_id
            ),
            fb as (
                select f.request_id, f.model, f.version, f.variant, f.user_id, f.movie_id, f.rank, f.score,
                       f.rating::float8 as rating, f.received_at, %1$s as relevant
                from feedback f join batch b on b.feedback_id = f.id
            ),
            newly_relevant as (  -- (list, movie) pairs relevant for the first time in their list
                select distinct fb.request_id, fb.movie_id, fb.rank
                from fb left join list_quality q on q.request_id = fb.request_id
                where fb.relevant and (q.relevant_movies is null or fb.movie_id <> all (q.relevant_movies))
            ),
            pairs as (
                insert into user_relevant_movie as u (model, user_id, movie_id, lists, last_at)
                select fb.model, fb.user_id, fb.movie_id, count(distinct n.request_id), max(fb.received_at)
                from fb left join newly_relevant n on n.request_id = fb.request_id and n.movie_id = fb.movie_id
                where fb.relevant
                group by fb.model, fb.user_id, fb.movie_id
                on conflict (model, user_id, movie_id) do update
                    set lists = u.lists + excluded.lists, last_at = greatest(u.last_at, excluded.last_at)
            ),
            lists as (
                insert into list_quality as q (request_id, model, version, variant, user_id, served_at, first_at,
                        last_at, relevant_movies, hits, dcg, ratings, rating_sum, scored, squared_error,
                        absolute_error, r05, r10, r15, r20, r25, r30, r35, r40, r45, r50)
                select p.request_id, p.model, p.version, p.variant, p.user_id, s.served_at, p.first_at, p.last_at,
                       coalesce(n.movies, '{}'), coalesce(n.hits, 0), coalesce(n.dcg, 0), p.ratings, p.rating_sum,
                       p.scored, p.squared_error, p.absolute_error,
                       p.r05, p.r10, p.r15, p.r20, p.r25, p.r30, p.r35, p.r40, p.r45, p.r50
                from (select request_id, min(model) as model, min(version) as version, min(variant) as variant,
                             min(user_id) as user_id, min(received_at) as first_at, max(received_at) as last_at,
                             %2$s
                      from fb group by request_id) as p
                join served_list s on s.request_id = p.request_id
                left join (select request_id, %3$s from newly_relevant group by request_id) as n
                       on n.request_id = p.request_id
                on conflict (request_id) do update set
                    first_at = least(q.first_at, excluded.first_at), last_at = greatest(q.last_at, excluded.last_at),
                    relevant_movies = q.relevant_movies || excluded.relevant_movies,
                    hits = q.hits + excluded.hits, dcg = q.dcg + excluded.dcg,
                    ratings = q.ratings + excluded.ratings, rating_sum = q.rating_sum + excluded.rating_sum,
                    scored = q.scored + excluded.scored, squared_error = q.squared_error + excluded.squared_error,
                    absolute_error = q.absolute_error + excluded.absolute_error,
                    r05 = q.r05 + excluded.r05, r10 = q.r10 + excluded.r10, r15 = q.r15 + excluded.r15,
                    r20 = q.r20 + excluded.r20, r25 = q.r25 + excluded.r25, r30 = q.r30 + excluded.r30,
                    r35 = q.r35 + excluded.r35, r40 = q.r40 + excluded.r40, r45 = q.r45 + excluded.r45,
                    r50 = q.r50 + excluded.r50
            )
            select count(*) from batch""".formatted(ListSums.RELEVANT, ListSums.RATINGS, ListSums.RELEVANT_SUMS);

    private static final String SETTINGS = "select k, relevant_rating from quality_rollup_settings";

    private final Pool pool;

    public QualityRollupRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Rolls up at most {@code batchSize} pending feedback rows, after rebuilding the rollup when it
     * was built with another k or relevant rating. Returns the rows rolled up, or -1 when another
     * replica holds the rollup lock.
     */
    public Uni<Integer> rollUp(int k, double relevantRating, int batchSize, String workMem) {
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK))
                .chain(locked -> {
                    if (!locked.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(-1);
                    }
                    return tx.query(ListSums.setWorkMem(workMem)).execute()
                            .chain(() -> rebuildIfChanged(tx, k, relevantRating))
                            .chain(() -> tx.preparedQuery(ROLL_UP).execute(Tuple.of(k, relevantRating, batchSize)))
                            .map(rows -> rows.iterator().next().getLong(0).intValue());
                }));
    }

    private Uni<Void> rebuildIfChanged(SqlConnection tx, int k, double relevantRating) {
        return tx.query(SETTINGS).execute().chain(rows -> {
            if (rows.size() == 1) {
                var settings = rows.iterator().next();
                if (settings.getInteger("k") == k && settings.getDouble("relevant_rating") == relevantRating) {
                    return Uni.createFrom().voidItem();
                }
                LOG.warnf("quality rollup: built with k=%d, relevant rating %.1f; rebuilding it for k=%d, %.1f "
                        + "(every replica should use the same gateway.quality settings)",
                        settings.getInteger("k"), settings.getDouble("relevant_rating"), k, relevantRating);
            } else {
                LOG.infof("quality rollup: building it from all stored feedback (k=%d, relevant rating %.1f)",
                        k, relevantRating);
            }
            // DELETE, not TRUNCATE: quality answers keep reading while the rollup is rebuilt. An answer
            // holds its first statement's locks until its second, on another connection, is done; a
            // TRUNCATE waiting for them would queue that second statement behind itself, a wait that
            // PostgreSQL cannot see as a deadlock. Feedback stored meanwhile is queued by its own
            // statement or read back here, never both: its queue row survives the DELETE only if it
            // was committed after it, and is then seen by the NOT EXISTS.
            return tx.query("delete from list_quality").execute()
                    .chain(() -> tx.query("delete from user_relevant_movie").execute())
                    .chain(() -> tx.query("delete from feedback_pending").execute())
                    .chain(() -> tx.query("""
                            insert into feedback_pending (feedback_id)
                            select id from feedback f
                            where not exists (select from feedback_pending p where p.feedback_id = f.id)""")
                            .execute())
                    .chain(() -> tx.query("delete from quality_rollup_settings").execute())
                    .chain(() -> tx.preparedQuery(
                            "insert into quality_rollup_settings (k, relevant_rating) values ($1, $2)")
                            .execute(Tuple.of(k, relevantRating)))
                    .replaceWithVoid();
        });
    }

    /**
     * Vacuums and analyzes what rolling up churns: every rolled-up feedback row leaves a dead row in
     * feedback_pending and usually one in list_quality. Autovacuum does the same where it is on; this
     * keeps quality fast where it is off or lags behind, and marks served_list pages all-visible for
     * the index-only scan that counts served lists.
     */
    public Uni<Void> vacuum() {
        return pool.query("vacuum (analyze) list_quality, user_relevant_movie, feedback_pending, served_list")
                .execute().replaceWithVoid();
    }

    /**
     * Forgets relevant pairs last seen before the cutoff: retention has deleted the lists they were
     * relevant in. A pair kept too long only makes the quality query count its user exactly.
     */
    public Uni<Integer> deleteRelevantPairsBefore(Instant cutoff) {
        return pool.preparedQuery("delete from user_relevant_movie where last_at < $1")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }
}
