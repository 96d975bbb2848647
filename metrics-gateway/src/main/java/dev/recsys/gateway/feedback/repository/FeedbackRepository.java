package dev.recsys.gateway.feedback.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.recsys.gateway.feedback.Feedback;
import dev.recsys.gateway.feedback.rest.FeedbackRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Feedback rows; one statement per attempt so that a row is either committed whole or not at all. */
@ApplicationScoped
public class FeedbackRepository {

    /**
     * Stores the feedback if its list is known and served to the same user, once per
     * (requestId, movieId, event), and queues it for the quality rollup. No row back: the list is not stored (yet). A row with a null
     * id: the user differs or the feedback was already stored.
     */
    private static final String STORE = """
            with deadline as (   -- checked at COMMIT (V9__feedback_commit_deadline.sql)
                select set_config('gateway.commit_by', $6, true)
            ), list as (
                select request_id, user_id, experiment, variant, model, version,
                       array_position(items, $3) as rank, scores
                from served_list cross join deadline where request_id = $1
            ), stored as (
                insert into feedback (request_id, user_id, movie_id, event, rating, model, version, variant, rank, score)
                select request_id, $2, $3, $4, $5::float8::numeric(2, 1), model, version, coalesce(variant, ''),
                       rank, scores[rank]
                from list where user_id = $2
                on conflict on constraint feedback_once do nothing
                returning id, received_at
            ), pending as (   -- for the quality rollup
                insert into feedback_pending (feedback_id) select id from stored
            )
            select list.user_id as list_user_id, list.experiment, list.variant, stored.id, stored.received_at
            from list left join stored on true""";

    /**
     * Keeps feedback whose list is not stored yet (feedback_unmatched), once per (requestId, movieId,
     * event): the row stored first comes back, {@code created} false when it was there before.
     */
    private static final String STORE_UNMATCHED = """
            insert into feedback_unmatched as u (request_id, user_id, movie_id, event, rating)
            select $1::varchar, $2::bigint, $3::bigint, $4::varchar, $5::float8::numeric(2, 1)
            from (select set_config('gateway.commit_by', $6, true)) deadline   -- checked at COMMIT (V9)
            on conflict (request_id, movie_id, event) do update set received_at = u.received_at
            returning user_id, rating::float8 as rating, received_at, xmax = 0 as created""";

    /**
     * Moves waiting feedback whose list is stored now (of the given lists, or of all when $1 is null) into
     * feedback, as STORE would have stored it then, keeping its receipt time; waiting feedback from
     * another user than the list's is dropped. One row per row taken.
     */
    private static final String MATCH_UNMATCHED = """
            with matched as (
                delete from feedback_unmatched u using served_list s
                where s.request_id = u.request_id and ($1::varchar[] is null or u.request_id = any($1))
                returning u.request_id, u.user_id, u.movie_id, u.event, u.rating, u.received_at,
                          s.user_id as list_user_id, s.model, s.version, s.experiment, s.variant,
                          array_position(s.items, u.movie_id) as rank, s.scores
            ), stored as (
                insert into feedback (request_id, user_id, movie_id, event, rating, model, version, variant, rank,
                                      score, received_at)
                select request_id, user_id, movie_id, event, rating, model, version, coalesce(variant, ''), rank,
                       scores[rank], received_at
                from matched where user_id = list_user_id
                on conflict on constraint feedback_once do nothing
                returning id, request_id, movie_id, event
            ), pending as (   -- for the quality rollup
                insert into feedback_pending (feedback_id) select id from stored
            )
            select m.request_id, m.user_id, m.list_user_id, m.movie_id, m.event, m.rating::float8 as rating,
                   m.received_at, m.experiment, m.variant, stored.id
            from matched m left join stored using (request_id, movie_id, event)""";

    private static final String EXPIRE_UNMATCHED = """
            with expired as (delete from feedback_unmatched where received_at < $1 returning 1)
            select count(*) from expired""";

    private static final String FIND = """
            select id, request_id, user_id, movie_id, event, rating::float8 as rating, received_at
            from feedback where request_id = $1 and movie_id = $2 and event = $3""";

    /** What {@link #store} did. */
    public record StoreOutcome(boolean listKnown, long listUserId, String experiment, String variant,
            Feedback stored) {

        static final StoreOutcome LIST_UNKNOWN = new StoreOutcome(false, 0, null, null, null);
    }

    /** Feedback kept until its list arrives; created false when the same one was kept before. */
    public record Unmatched(FeedbackRequest request, long receivedAt, boolean created) {
    }

    /** Waiting feedback taken because its list is stored now; stored null when it was not stored. */
    public record Matched(String requestId, long userId, long listUserId, String experiment, String variant,
            Feedback stored) {
    }

    /** @param commitBy epoch ms after which PostgreSQL refuses to commit the row (checked at COMMIT) */
    public Uni<StoreOutcome> store(SqlClient client, FeedbackRequest request, long commitBy) {
        Tuple args = Tuple.of(request.requestId(), request.userId(), request.movieId(), request.event())
                .addDouble(request.rating()).addString(Long.toString(commitBy));
        return client.preparedQuery(STORE).execute(args).map(rows -> {
            if (rows.size() == 0) {
                return StoreOutcome.LIST_UNKNOWN;
            }
            Row row = rows.iterator().next();
            Long id = row.getLong("id");
            Feedback stored = id == null ? null : new Feedback(id, request.requestId(), request.userId(),
                    request.movieId(), request.event(), request.rating(),
                    row.getOffsetDateTime("received_at").toInstant().toEpochMilli());
            return new StoreOutcome(true, row.getLong("list_user_id"), row.getString("experiment"),
                    row.getString("variant"), stored);
        });
    }

    public Uni<Optional<Feedback>> find(SqlClient client, String requestId, long movieId, String event) {
        return client.preparedQuery(FIND).execute(Tuple.of(requestId, movieId, event)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Feedback(row.getLong("id"), row.getString("request_id"), row.getLong("user_id"),
                    row.getLong("movie_id"), row.getString("event"), row.getDouble("rating"),
                    row.getOffsetDateTime("received_at").toInstant().toEpochMilli()));
        });
    }

    /** @param commitBy epoch ms after which PostgreSQL refuses to commit the row (checked at COMMIT) */
    public Uni<Unmatched> storeUnmatched(SqlClient client, FeedbackRequest request, long commitBy) {
        Tuple args = Tuple.of(request.requestId(), request.userId(), request.movieId(), request.event())
                .addDouble(request.rating()).addString(Long.toString(commitBy));
        return client.preparedQuery(STORE_UNMATCHED).execute(args).map(rows -> {
            Row row = rows.iterator().next();
            FeedbackRequest kept = new FeedbackRequest(request.requestId(), row.getLong("user_id"),
                    request.movieId(), row.getDouble("rating"), request.event());
            return new Unmatched(kept, row.getOffsetDateTime("received_at").toInstant().toEpochMilli(),
                    row.getBoolean("created"));
        });
    }

    /** @param requestIds the lists just stored, or null for every waiting feedback */
    public Uni<List<Matched>> matchUnmatched(SqlClient client, String[] requestIds) {
        return client.preparedQuery(MATCH_UNMATCHED).execute(Tuple.of(requestIds)).map(rows -> {
            List<Matched> matched = new ArrayList<>(rows.size());
            for (Row row : rows) {
                Long id = row.getLong("id");
                long receivedAt = row.getOffsetDateTime("received_at").toInstant().toEpochMilli();
                Feedback stored = id == null ? null : new Feedback(id, row.getString("request_id"),
                        row.getLong("user_id"), row.getLong("movie_id"), row.getString("event"),
                        row.getDouble("rating"), receivedAt);
                matched.add(new Matched(row.getString("request_id"), row.getLong("user_id"),
                        row.getLong("list_user_id"), row.getString("experiment"), row.getString("variant"), stored));
            }
            return matched;
        });
    }

    /** Deletes feedback that waited since before the cutoff; returns how many. */
    public Uni<Long> expireUnmatched(SqlClient client, Instant cutoff) {
        return client.preparedQuery(EXPIRE_UNMATCHED).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Long> countUnmatched(SqlClient client) {
        return client.query("select count(*) from feedback_unmatched").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
