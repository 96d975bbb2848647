package dev.recsys.drift.monitor.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.event.StreamEventParser;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Trimming the minutes that are over gives memory back and changes nothing a window shows, late rows included. */
class LiveWindowTrimTest {

    private static final long START = 1_700_000_040_000L;

    @Test
    void aTrimmedWindowHoldsLessAndSelectsTheSameAfterLateRows() {
        LiveWindow trimmed = new LiveWindow(0);
        LiveWindow kept = new LiveWindow(0);
        SplittableRandom random = new SplittableRandom(5);
        int id = 0;
        for (; id < 3_000; id++) {
            add(trimmed, kept, id, START + random.nextLong(0, 180_000), random);
        }
        long before = trimmed.bytes();
        trimmed.trimBefore(START + 240_000);
        assertTrue(trimmed.bytes() < before, "trimmed: " + trimmed.bytes() + " of " + before);
        // late rows into the trimmed minutes, and a new feature there
        for (; id < 3_500; id++) {
            add(trimmed, kept, id, START + random.nextLong(0, 240_000), random);
        }
        Object lock = new Object();
        LiveWindow.Selection a = trimmed.select(START, START + 240_000, 0, Long.MAX_VALUE, 5, lock);
        LiveWindow.Selection b = kept.select(START, START + 240_000, 0, Long.MAX_VALUE, 5, lock);
        assertEquals(b.count(), a.count());
        assertEquals(3_500, a.count());
        assertEquals(b.sampleTraces(), a.sampleTraces());
        Map<String, Column> columns = a.columns();
        assertEquals(b.columns().keySet(), columns.keySet());
        b.columns().forEach((feature, column) -> {
            if (column instanceof Column.Numbers numbers) {
                assertArrayEquals(numbers.values(), ((Column.Numbers) columns.get(feature)).values(), feature);
            } else {
                assertEquals(((Column.Labels) column).counts(), ((Column.Labels) columns.get(feature)).counts(), feature);
            }
        });
    }

    private static void add(LiveWindow trimmed, LiveWindow kept, int id, long ts, SplittableRandom random) {
        String json = "{\"v\":1,\"eventId\":\"e" + id + "\",\"ts\":" + ts + ",\"version\":\"1\",\"traceId\":\""
                + String.format("%032x", id) + "\",\"spanId\":\"" + String.format("%016x", id) + "\",\"features\":{"
                + "\"score\":" + random.nextInt(1000) / 100.0 + ",\"segment\":\"s" + random.nextInt(4) + "\""
                + (id >= 3_000 ? ",\"late\":" + random.nextInt(10) : "") + "}}";
        StreamEvent event = StreamEventParser.parse(json);
        String streamId = ts + "-" + id;
        trimmed.add(streamId, ts, event);
        kept.add(streamId, ts, event);
    }
}
