package dev.recsys.drift.engine;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;

/**
 * Two independent halves of one computation (the two halves of an array, or the reference and the
 * current sample), run on two threads, the caller and the common pool, when they are large enough
 * to repay the hand-off; otherwise one after the other on the caller.
 */
final class TwoThreads {

    /** From this many values in all, the two halves run on two threads. */
    static final int THRESHOLD = 1 << 18;
    private static final boolean TWO_CORES = Runtime.getRuntime().availableProcessors() >= 2;

    private TwoThreads() {
    }

    /** Both results, {@code first}'s then {@code second}'s; {@code size}: the values the two read in all. */
    static <T> Both<T> run(long size, Supplier<T> first, Supplier<T> second) {
        if (size < THRESHOLD || !TWO_CORES) {
            return new Both<>(first.get(), second.get());
        }
        ForkJoinTask<T> pooled = ForkJoinPool.commonPool().submit(second::get);
        T own = first.get();
        return new Both<>(own, pooled.join());
    }

    record Both<T>(T first, T second) {
    }
}
