package dev.recsys.recommender.model.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Micro-batching in front of one {@link OnnxScorer}: requests queue up, a few worker threads (never the
 * event loop) take whatever is waiting (up to a maximum, waiting at most a short time for more) and
 * score it in one ONNX Runtime call.
 */
public final class InferenceBatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InferenceBatcher.class);
    /** Requests whose k differ by more than this factor are scored in separate calls, so one huge k does not inflate all rows. */
    private static final int K_GROUP_FACTOR = 2;

    private final OnnxScorer scorer;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BatchListener listener;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    /** Told about every ONNX Runtime call, for metrics. */
    public interface BatchListener {
        void scored(int batchSize, long nanos);
    }

    /** A user's top items and the size of the batch it was scored in. */
    public record Scored(TopItems top, int batchSize) {
    }

    private record Pending(long userIndex, int k, CompletableFuture<Scored> result) {
    }

    public InferenceBatcher(OnnxScorer scorer, String name, int workerCount, int maxBatch, Duration maxWait,
            BatchListener listener) {
        this.scorer = scorer;
        this.maxBatch = Math.max(1, maxBatch);
        this.maxWaitNanos = maxWait.toNanos();
        this.listener = listener;
        for (int i = 0; i < Math.max(1, workerCount); i++) {
            Thread worker = new Thread(this::work, name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    public ExecutionProvider provider() {
        return scorer.provider();
    }

    public CompletionStage<Scored> submit(int userIndex, int k) {
        CompletableFuture<Scored> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("model session closed"));
        } else {
            queue.add(new Pending(userIndex, k, result));
        }
        return result;
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                fill(batch);
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void fill(List<Pending> batch) throws InterruptedException {
        queue.drainTo(batch, maxBatch - batch.size());
        long deadline = System.nanoTime() + maxWaitNanos;
        while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void run(List<Pending> batch) {
        batch.sort(Comparator.comparingInt(Pending::k));
        int start = 0;
        while (start < batch.size()) {
            int end = start + 1;
            int groupLimit = batch.get(start).k() * K_GROUP_FACTOR;
            while (end < batch.size() && batch.get(end).k() <= groupLimit) {
                end++;
            }
            runGroup(batch.subList(start, end));
            start = end;
        }
    }

    private void runGroup(List<Pending> group) {
        int n = group.size();
        long[] users = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            users[i] = group.get(i).userIndex();
            k = Math.max(k, group.get(i).k());
        }
        long startNanos = System.nanoTime();
        try {
            TopItems[] rows = scorer.topK(users, k);
            listener.scored(n, System.nanoTime() - startNanos);
            for (int i = 0; i < n; i++) {
                Pending p = group.get(i);
                p.result().complete(new Scored(truncate(rows[i], p.k()), n));
            }
        } catch (Exception | Error e) {
            LOG.errorf(e, "inference of a batch of %d failed", n);
            group.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    private static TopItems truncate(TopItems row, int k) {
        if (row.items().length == k) {
            return row;
        }
        return new TopItems(java.util.Arrays.copyOf(row.items(), k), java.util.Arrays.copyOf(row.scores(), k));
    }

    /** Finishes what is queued, then closes the session. */
    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            scorer.close();
        } catch (Exception e) {
            LOG.warnf(e, "closing the ONNX Runtime session failed");
        }
    }
}
