package dev.recsys.drift.monitor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The newest traces of a window: the rule, and that offering each part's own sample gives the whole sample. */
class TraceSamplerTest {

    @Test
    void keepsTheNewestAndOfEqualTimesTheFirstOffered() {
        TraceSampler<String> sampler = new TraceSampler<>(3);
        long[] times = {5, 9, 7, 9, 7, 1, 9};
        for (int i = 0; i < times.length; i++) {
            sampler.offer(times[i], "e" + i);
        }
        // the three 9s (e1, e3, e6) are newest; the 7s lose
        assertEquals(List.of("e1", "e3", "e6"), sampler.newestFirst());
        TraceSampler<String> ties = new TraceSampler<>(2);
        for (int i = 0; i < 4; i++) {
            ties.offer(4, "t" + i);
        }
        assertEquals(List.of("t0", "t1"), ties.newestFirst());
        assertEquals(List.of(), new TraceSampler<String>(0).newestFirst());
    }

    @Test
    void offeringEachPartsOwnSampleGivesTheSampleOfEveryEvent() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 200; round++) {
            int limit = random.nextInt(1, 8);
            int events = random.nextInt(0, 300);
            // few distinct times: many ties inside and across parts
            long[] times = IntStream.range(0, events).mapToLong(i -> random.nextInt(0, 12)).toArray();
            TraceSampler<Integer> all = new TraceSampler<>(limit);
            for (int i = 0; i < events; i++) {
                all.offer(times[i], i);
            }
            TraceSampler<Integer> byParts = new TraceSampler<>(limit);
            int from = 0;
            while (from < events) {
                int to = Math.min(events, from + random.nextInt(1, 60));
                TraceSampler<Integer> part = new TraceSampler<>(limit);
                for (int i = from; i < to; i++) {
                    part.offer(times[i], i);
                }
                for (int i : part.inOfferOrder()) {
                    byParts.offer(times[i], i);
                }
                from = to;
            }
            assertEquals(all.newestFirst(), byParts.newestFirst(), "round " + round);
            List<Integer> expected = new ArrayList<>(IntStream.range(0, events).boxed().toList());
            expected.sort(Comparator.<Integer>comparingLong(i -> -times[i]).thenComparingInt(i -> i));
            assertEquals(expected.subList(0, Math.min(limit, events)), all.newestFirst(), "round " + round);
        }
    }
}
