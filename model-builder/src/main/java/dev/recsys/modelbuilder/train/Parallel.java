package dev.recsys.modelbuilder.train;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs loops over index ranges on a fixed number of threads. */
public final class Parallel implements AutoCloseable {

    private final ForkJoinPool pool;

    public Parallel(int threads) {
        this.pool = new ForkJoinPool(threads);
    }

    /** Calls {@code body} for each block index in {@code [0, blocks)} on the pool's threads. */
    public void forEachBlock(int blocks, IntConsumer body) {
        try {
            pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
