package dev.recsys.drift.quality.event;

import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.event.StreamEventParser;
import dev.recsys.drift.quality.check.WindowScan;
import dev.recsys.drift.quality.profile.QualityProfile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One window of a model's prediction stream as input to the data-quality checks: the events that
 * could be read, in stream order, and how many could not (by reason).
 *
 * @param windowStart epoch ms, inclusive
 * @param windowEnd   epoch ms
 * @param events      readable events, duplicates included (finding them is one of the checks)
 * @param rejected    events that could not be read at all, by reason
 * @param sample      only the newest events of a larger window (sketch mode): shares over them say
 *                    little about the window, so only schema, duplicates and freshness are judged
 * @param readable    readable events, duplicates included ({@code events.size()} unless scanned)
 * @param scanner     for a window held as columns (no event objects): what a scan of its readable
 *                    events would gather; {@code null} when {@code events} are given
 */
public record QualityWindow(long windowStart, long windowEnd, List<QualityEvent> events,
                            Map<EventRejection, Integer> rejected, boolean sample, int readable, Scanner scanner) {

    public QualityWindow {
        Objects.requireNonNull(events, "events");
        rejected = rejected.isEmpty() ? Map.of() : Map.copyOf(rejected);
    }

    public QualityWindow(long windowStart, long windowEnd, List<QualityEvent> events,
                         Map<EventRejection, Integer> rejected, boolean sample) {
        this(windowStart, windowEnd, events, rejected, sample, events.size(), null);
    }

    /** A window of {@code readable} events that {@code scanner} counts per profile (from columns, not event objects). */
    public static QualityWindow scanned(long windowStart, long windowEnd, int readable,
                                        Map<EventRejection, Integer> rejected, Scanner scanner) {
        return new QualityWindow(windowStart, windowEnd, List.of(), rejected, false, readable,
                Objects.requireNonNull(scanner, "scanner"));
    }

    /** Gathers what one pass over the readable events of a window would for a profile's checks. */
    @FunctionalInterface
    public interface Scanner {
        WindowScan scan(QualityProfile profile);
    }

    public int rejectedCount(EventRejection reason) {
        return rejected.getOrDefault(reason, 0);
    }

    /** Every event of the window, readable or not. */
    public int size() {
        return readable + rejected.values().stream().mapToInt(Integer::intValue).sum();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a window event by event, from raw stream JSON or already-read events; bounds come last. */
    public static final class Builder {
        private final List<QualityEvent> events = new ArrayList<>();
        private final Map<EventRejection, Integer> rejected = new EnumMap<>(EventRejection.class);

        private Builder() {
        }

        /** Parses the {@code event} field of one stream entry. */
        public Builder addJson(String json) {
            return addOutcome(QualityEventParser.parse(json));
        }

        /** Adds one stream entry as {@link StreamEventParser} read it ({@code null}: not readable JSON). */
        public Builder addEntry(StreamEvent entry) {
            return addOutcome(QualityEventParser.outcome(entry));
        }

        private Builder addOutcome(QualityEventParser.Outcome outcome) {
            if (outcome instanceof QualityEventParser.Parsed parsed) {
                events.add(parsed.event());
            } else {
                reject(((QualityEventParser.Rejected) outcome).reason());
            }
            return this;
        }

        public Builder add(QualityEvent event) {
            events.add(event);
            return this;
        }

        public Builder addAll(List<QualityEvent> readable) {
            events.addAll(readable);
            return this;
        }

        public Builder reject(EventRejection reason) {
            rejected.merge(reason, 1, Integer::sum);
            return this;
        }

        public QualityWindow build(long windowStart, long windowEnd) {
            return new QualityWindow(windowStart, windowEnd, List.copyOf(events), rejected, false);
        }

        /** The collected events as a sample of the newest events of a larger window. */
        public QualityWindow buildSample(long windowStart, long windowEnd) {
            return new QualityWindow(windowStart, windowEnd, List.copyOf(events), rejected, true);
        }
    }
}
