package dev.recsys.drift.monitor.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.drift.common.db.Database;
import dev.recsys.drift.common.db.DatabaseException;
import dev.recsys.drift.monitor.service.EvaluationResult;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.list.ListCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;

/**
 * Writes evaluation history so that no window is lost to a PostgreSQL outage: a write that fails
 * with a retryable error (or is not tried because PostgreSQL failed moments ago) is queued in the
 * Redis list {@code drift:history:queue}, shared by all replicas and kept across restarts, and
 * {@link #flush} writes the queue every monitor round once PostgreSQL answers again. Rows are
 * idempotent, so a window written twice (two replicas flushing) stays one row.
 */
@ApplicationScoped
public class HistoryWriter {

    static final String QUEUE = "drift:history:queue";
    private static final Logger LOG = Logger.getLogger(HistoryWriter.class);

    /** What became of a history write. */
    public enum Outcome { STORED, QUEUED }

    private final HistoryRepository repository;
    private final Database db;
    private final ListCommands<String, String> lists;
    private final ObjectMapper json;
    private final HistoryQueueConfig config;

    public HistoryWriter(HistoryRepository repository, Database db, RedisDataSource redis, ObjectMapper json,
                         HistoryQueueConfig config) {
        this.repository = repository;
        this.db = db;
        this.lists = redis.list(String.class);
        this.json = json;
        this.config = config;
    }

    /** Stores the evaluation's history, or queues it while PostgreSQL is unavailable. */
    public Outcome write(EvaluationResult result) {
        if (!db.availability().backingOff()) {
            try {
                repository.save(result);
                return Outcome.STORED;
            } catch (DatabaseException e) {
                if (!e.retryable()) {
                    throw e;
                }
                LOG.warnf("History of %s window %d queued: %s", result.model(), result.windowEnd(), e.getMessage());
            }
        }
        enqueue(result);
        return Outcome.QUEUED;
    }

    private void enqueue(EvaluationResult result) {
        String entry;
        try {
            entry = json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        lists.rpush(QUEUE, entry);
        long size = lists.llen(QUEUE);
        if (size > config.max()) {
            lists.ltrim(QUEUE, size - config.max(), -1);
            LOG.errorf("History queue over %d evaluations: the oldest %d were dropped", config.max(), size - config.max());
        }
    }

    /**
     * Writes queued evaluations, oldest first, up to {@code flush-batch} per call, while PostgreSQL
     * answers; an entry is removed only after its rows are committed.
     *
     * @return how many were written
     */
    public int flush() {
        int written = 0;
        while (written < config.flushBatch() && !db.availability().backingOff()) {
            String head = lists.lindex(QUEUE, 0);
            if (head == null) {
                break;
            }
            try {
                repository.save(json.readValue(head, EvaluationResult.class));
                written++;
            } catch (DatabaseException e) {
                if (e.retryable()) {
                    break;
                }
                LOG.errorf(e, "Queued history entry dropped: PostgreSQL refused it");
            } catch (JsonProcessingException e) {
                LOG.errorf("Queued history entry dropped: not an evaluation (%s)", e.getOriginalMessage());
            }
            lists.lrem(QUEUE, 1, head);
        }
        if (written > 0) {
            LOG.infof("Wrote %d queued history evaluations", written);
        }
        return written;
    }

    /** Evaluations waiting in the queue. */
    public long queued() {
        return lists.llen(QUEUE);
    }
}
