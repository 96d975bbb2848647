package dev.recsys.drift.monitor.health;

import org.jboss.logging.Logger;

/**
 * The pulse of one background loop (the monitor rounds, the sketch consumer): each round runs
 * through {@link #round}, which catches every {@link Throwable} (an {@code Error} included) so that
 * nothing stops the loop silently, and records when the loop last completed a round. The liveness
 * check turns DOWN when a loop has stopped or has not completed a round for too long.
 */
public final class LoopHeartbeat {

    private static final Logger LOG = Logger.getLogger(LoopHeartbeat.class);

    /** A round's work. */
    @FunctionalInterface
    public interface Round {
        void run() throws Exception;
    }

    private final String name;
    private volatile long lastRound = System.currentTimeMillis();
    private volatile long roundStarted;
    private volatile String lastFailure;

    public LoopHeartbeat(String name) {
        this.name = name;
    }

    /**
     * Runs one round; a failure is logged (an exception as one line, an {@code Error} at ERROR with
     * its stack) and kept for
     * the health details, and the loop goes on.
     *
     * @return whether the round completed without failure
     * @throws InterruptedException when the round was interrupted: the loop is being stopped
     */
    public boolean round(Round work) throws InterruptedException {
        roundStarted = System.currentTimeMillis();
        try {
            work.run();
            lastFailure = null;
            return true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.warnf("%s round failed: %s", name, e.toString());
            lastFailure = e.getClass().getSimpleName();
            return false;
        } catch (Throwable e) {
            LOG.errorf(e, "%s round failed with an error; the loop goes on", name);
            lastFailure = e.getClass().getSimpleName();
            return false;
        } finally {
            roundStarted = 0;
            lastRound = System.currentTimeMillis();
        }
    }

    public String name() {
        return name;
    }

    /** Epoch ms of the end of the last round (or of the loop's creation before its first round). */
    public long lastRound() {
        return lastRound;
    }

    /** Epoch ms the running round started, 0 between rounds. */
    public long roundStarted() {
        return roundStarted;
    }

    /** The exception class of the last round's failure (no message: it may name hosts or paths), null when it succeeded. */
    public String lastFailure() {
        return lastFailure;
    }
}
