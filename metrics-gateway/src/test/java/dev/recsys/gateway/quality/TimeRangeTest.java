package dev.recsys.gateway.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The time range of the quality and report endpoints, from window or from/to: a plain unit test. */
class TimeRangeTest {

    private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_000L);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MAX = Duration.ofDays(7);

    private static TimeRange parse(String window, Long from, Long to) {
        return TimeRange.parse("window", window, from, to, DAY, MAX, NOW);
    }

    /** The 400 detail names the parameter a user has to change. */
    private static void rejected(String field, Executable parse) {
        RuntimeException e = assertThrows(RuntimeException.class, parse);
        assertTrue(e.getMessage().contains(field), e.getMessage() + " should name " + field);
    }

    @Test
    void aWindowEndsNowAndTheDefaultIsUsedWithoutParameters() {
        assertEquals(new TimeRange(NOW.minus(Duration.ofHours(6)), NOW), parse("6h", null, null));
        assertEquals(new TimeRange(NOW.minus(DAY), NOW), parse(null, null, null));
    }

    @Test
    void fromAndToAreEpochMillisecondsAndToDefaultsToNow() {
        long from = NOW.toEpochMilli() - 3_600_000;
        assertEquals(new TimeRange(Instant.ofEpochMilli(from), Instant.ofEpochMilli(from + 60_000)),
                parse(null, from, from + 60_000));
        assertEquals(new TimeRange(Instant.ofEpochMilli(from), NOW), parse(null, from, null));
    }

    @Test
    void contradictoryOrIncompleteParametersNameTheField() {
        rejected("window", () -> parse("1h", 0L, null));
        rejected("from", () -> parse(null, null, NOW.toEpochMilli()));
        rejected("from", () -> parse(null, -1L, null));
        rejected("to", () -> parse(null, NOW.toEpochMilli(), NOW.toEpochMilli()));
    }

    @Test
    void aRangeLongerThanTheMaximumIsRefused() {
        assertEquals(new TimeRange(NOW.minus(MAX), NOW), parse("7d", null, null));
        rejected("window", () -> parse("8d", null, null));
        rejected("from", () -> parse(null, 0L, null));
    }

    @Test
    void durationsAreAPositiveNumberAndOneUnit() {
        assertEquals(Duration.ofSeconds(30), TimeRange.duration("period", "30s"));
        assertEquals(Duration.ofMinutes(15), TimeRange.duration("period", "15m"));
        assertEquals(Duration.ofDays(7), TimeRange.duration("period", "7d"));
        for (String bad : new String[] {"0h", "1w", "h", "-1h", "1.5h", "1234567s", "1h\u0000"}) {
            rejected("period", () -> TimeRange.duration("period", bad));
        }
    }
}
