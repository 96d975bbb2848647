package dev.recsys.drift.monitor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The duplicate index of a live window against a plain map model, through growth and deletions inside probe runs. */
class EventIdsTest {

    @Test
    void repeatedIdsAreThoseOfAPlainMapThroughAddsAndEvictions() {
        SplittableRandom random = new SplittableRandom(11);
        Map<Long, String> rows = new HashMap<>();
        EventIds ids = new EventIds(rows::get);
        Map<String, List<Long>> model = new HashMap<>();
        List<Long> live = new ArrayList<>();
        long next = 0;
        for (int step = 0; step < 60_000; step++) {
            if (live.isEmpty() || random.nextInt(3) > 0) {
                // ids from a small pool repeat often; most are new
                String id = random.nextInt(4) == 0 ? "pool-" + random.nextInt(500) : "id-" + next;
                long location = next++;
                rows.put(location, id);
                ids.add(id, location);
                model.computeIfAbsent(id, k -> new ArrayList<>()).add(location);
                live.add(location);
            } else {
                long location = live.remove(random.nextInt(live.size()));
                String id = rows.get(location);
                ids.remove(id, location);
                model.get(id).remove(Long.valueOf(location));
                if (model.get(id).isEmpty()) {
                    model.remove(id);
                }
                rows.remove(location);
            }
            if (step % 5_000 == 0) {
                assertEquals(repeatedOf(model), repeatedOf(ids), "after step " + step);
            }
        }
        assertEquals(repeatedOf(model), repeatedOf(ids));
        // every id still held is found again: adding it once more makes it repeated
        List<String> once = rows.values().stream().filter(id -> id.startsWith("id-")).toList();
        for (String held : once) {
            rows.put(next, held);
            ids.add(held, next++);
        }
        Map<String, List<Long>> repeated = repeatedOf(ids);
        for (String held : once) {
            assertEquals(2, repeated.get(held).size(), held);
        }
    }

    private static Map<String, List<Long>> repeatedOf(Map<String, List<Long>> model) {
        Map<String, List<Long>> repeated = new TreeMap<>();
        model.forEach((id, locations) -> {
            if (locations.size() > 1) {
                repeated.put(id, locations.stream().sorted().toList());
            }
        });
        return repeated;
    }

    private static Map<String, List<Long>> repeatedOf(EventIds ids) {
        Map<String, List<Long>> repeated = new TreeMap<>();
        ids.forEachRepeated((id, locations) -> repeated.put(id, locations.stream().sorted().toList()));
        return repeated;
    }
}
