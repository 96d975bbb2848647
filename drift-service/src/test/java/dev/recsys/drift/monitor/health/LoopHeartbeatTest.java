package dev.recsys.drift.monitor.health;

import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An Error thrown by a round does not stop the loop, as it would a bare scheduled executor's task. */
class LoopHeartbeatTest {

    @Test
    void aRoundThatThrowsAnErrorDoesNotStopTheScheduledLoop() throws Exception {
        LoopHeartbeat heartbeat = new LoopHeartbeat("test loop");
        AtomicInteger rounds = new AtomicInteger();
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            loop.scheduleWithFixedDelay(() -> {
                try {
                    heartbeat.round(() -> {
                        if (rounds.incrementAndGet() <= 2) {
                            throw new StackOverflowError("round " + rounds.get());
                        }
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            long deadline = System.currentTimeMillis() + 5_000;
            while (rounds.get() < 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            loop.shutdownNow();
        }
        assertTrue(rounds.get() >= 5, "rounds went on after two Errors: " + rounds.get());
        assertEquals(null, heartbeat.lastFailure(), "the last round succeeded");
    }

    @Test
    void aFailedRoundIsReportedByItsExceptionClassOnly() throws Exception {
        LoopHeartbeat heartbeat = new LoopHeartbeat("test loop");
        assertTrue(!heartbeat.round(() -> {
            throw new OutOfMemoryError("Java heap space at /secret/path");
        }));
        assertEquals("OutOfMemoryError", heartbeat.lastFailure());
    }
}
