package dev.recsys.gateway.feedback.repository;

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
            with list as (
                select request_id, user_id, experiment, variant, model, version,
                       array_position(items, $3) as rank, scores
                from served_list where request_id = $1
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

    private static final String FIND = """
            select id, request_id, user_id, movie_id, event, rating::float8 as rating, received_at
            from feedback where request_id = $1 and movie_id = $2 and event = $3""";

    /** What {@link #store} did. */
    public record StoreOutcome(boolean listKnown, long listUserId, String experiment, String variant,
            Feedback stored) {

        static final StoreOutcome LIST_UNKNOWN = new StoreOutcome(false, 0, null, null, null);
    }

    public Uni<StoreOutcome> store(SqlClient client, FeedbackRequest request) {
        Tuple args = Tuple.of(request.requestId(), request.userId(), request.movieId(), request.event())
                .addDouble(request.rating());
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
}
