package dev.recsys.gateway.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.recsys.gateway.PredictionStreamFixture;
import dev.recsys.gateway.quality.repository.ExposureRollupRepository;
import dev.recsys.gateway.quality.repository.ServedItemsRepository;
import dev.recsys.gateway.quality.repository.ServedItemsRepository.Cell;
import dev.recsys.gateway.quality.service.QualityRollupJob;
import dev.recsys.gateway.served.ServedList;
import dev.recsys.gateway.served.repository.ServedListRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The exposure rollup answers exactly what the served lists say: random windows that start and end
 * inside buckets of every width and span several hours are compared with a count over the stored lists
 * done here in Java, before the rollup (everything queued), after it, with lists that arrive late for
 * buckets already rolled up, during a catch-up in small batches, and after retention. The scenario lies
 * 10 days back (inside the 30 days that the scheduled retention keeps), in hours that no other test
 * serves in, so that the retention here deletes no other test's lists.
 */
@QuarkusTest
class ExposureRollupTest {

    private static final int WINDOWS = 60;
    private static final double EPS = 1e-9;

    @Inject
    ServedListRepository servedLists;

    @Inject
    ServedItemsRepository servedItems;

    @Inject
    ExposureRollupRepository exposure;

    @Inject
    QualityRollupJob rollup;

    @Inject
    Pool pool;

    private final Random random = new Random(14);
    private String model;
    private Instant base;
    private int stored;

    @BeforeEach
    void scenario() {
        model = PredictionStreamFixture.uniqueModel("exposure");
        base = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        rollup.rollUpExposure().await().indefinitely();   // nobody else's backlog in the way
    }

    /** Lists served at random times in [base - 10 min, base + 3 h 10 min), a few of every kind. */
    private void storeLists(int count) {
        for (int i = 0; i < count; i++) {
            long offsetMillis = -600_000 + (long) (random.nextDouble() * (3 * 3_600_000 + 1_200_000));
            int size = random.nextInt(5);   // empty lists too
            Long[] items = new Long[size];
            for (int j = 0; j < size; j++) {
                items[j] = 1L + random.nextInt(12);
            }
            Double[] scores = new Double[size];
            Arrays.fill(scores, 1.0);
            boolean experiment = random.nextBoolean();
            servedLists.insertAll(pool, List.of(new ServedList(model + "-" + stored++, model, random.nextBoolean() ? "1" : "2",
                    experiment ? "exp" : null, experiment ? (random.nextBoolean() ? "control" : "treatment") : null,
                    1 + random.nextInt(50), base.plusMillis(offsetMillis), items, scores,
                    size < 2 || random.nextInt(4) == 0 ? null : random.nextDouble())))
                    .await().indefinitely();
        }
    }

    @Test
    void windowsCuttingBucketsAnswerAsTheServedListsBeforeAndAfterTheRollupAndWithLateLists() {
        storeLists(300);
        assertWindowsExact("all queued, nothing rolled up");
        rollup.rollUpExposure().await().indefinitely();
        assertRolledUp();
        assertWindowsExact("rolled up");
        storeLists(100);   // late: served hours ago, into buckets already rolled up
        assertWindowsExact("late lists queued");
        rollup.rollUpExposure().await().indefinitely();
        assertRolledUp();
        assertWindowsExact("late lists rolled up");
    }

    @Test
    void catchUpInSmallBatchesIsExactAfterEveryBatch() {
        storeLists(200);
        int batches = 0;
        while (exposure.rollUp(37, "64MB").await().indefinitely() > 0) {
            batches++;
            assertWindowsExact("after catch-up batch " + batches);
        }
        assertTrue(batches >= 5, "the backlog took " + batches + " batches");
        assertRolledUp();
    }

    @Test
    void retentionDeletesWholeHoursOfListsAndBucketsTogether() {
        storeLists(200);
        rollup.rollUpExposure().await().indefinitely();
        Instant cutoff = base.plus(Duration.ofHours(1));
        servedLists.deleteServedBefore(cutoff).await().indefinitely();
        storeLists(50);   // some of them before the cutoff, as a list replayed from the stream would be
        exposure.deleteBucketsBefore(cutoff).await().indefinitely();
        assertWindowsExact("after retention, late lists queued");
        rollup.rollUpExposure().await().indefinitely();
        assertWindowsExact("after retention, late lists rolled up");
        // in step: the hours before the cutoff hold exactly the lists still stored there (the late ones)
        assertEquals(count("select count(*) from served_list where model = $1 and served_at < $2", cutoff),
                count("select coalesce(sum(lists), 0) from served_list_rollup where model = $1 "
                        + "and bucket_seconds = 3600 and bucket < $2", cutoff));
    }

    private long count(String sql, Instant cutoff) {
        return pool.preparedQuery(sql).execute(Tuple.of(model, cutoff.atOffset(ZoneOffset.UTC)))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private void assertRolledUp() {
        assertEquals(0L, pool.preparedQuery("select count(*) from served_pending p join served_list s "
                + "on s.request_id = p.request_id where s.model = $1").execute(Tuple.of(model)).await().indefinitely()
                .iterator().next().getLong(0), "queue emptied");
    }

    /** Random windows (millisecond edges, some on bucket boundaries) plus the whole scenario. */
    private void assertWindowsExact(String when) {
        List<TimeRange> windows = new ArrayList<>();
        windows.add(new TimeRange(base.minus(Duration.ofHours(1)), base.plus(Duration.ofHours(4))));
        windows.add(new TimeRange(base, base.plus(Duration.ofHours(3))));
        for (int i = 0; i < WINDOWS; i++) {
            Instant from = edge(-900_000, 3 * 3_600_000 + 900_000);
            Instant to = edge(-900_000, 3 * 3_600_000 + 900_000);
            if (from.equals(to)) {
                continue;
            }
            windows.add(from.isBefore(to) ? new TimeRange(from, to) : new TimeRange(to, from));
        }
        List<StoredList> lists = storedLists();
        for (TimeRange window : windows) {
            Map<String, Cell> expected = expected(lists, window);
            Map<String, Cell> actual = new TreeMap<>();
            servedItems.cells(model, window).await().indefinitely()
                    .forEach(cell -> actual.put(cell.version() + "/" + cell.variant(), cell));
            String where = when + ", window " + window;
            assertEquals(expected.keySet(), actual.keySet(), where);
            expected.forEach((key, cell) -> {
                Cell got = actual.get(key);
                assertEquals(cell.lists(), got.lists(), where + " " + key + " lists");
                assertEquals(cell.diversityLists(), got.diversityLists(), where + " " + key + " diversity lists");
                assertEquals(cell.diversitySum(), got.diversitySum(), EPS, where + " " + key + " diversity sum");
                assertEquals(cell.exposure(), got.exposure(), where + " " + key + " exposure");
            });
        }
    }

    // a random millisecond offset from base, or (one in three) a whole 1-minute, 5-minute or 1-hour boundary
    private Instant edge(long fromMillis, long toMillis) {
        long offset = fromMillis + (long) (random.nextDouble() * (toMillis - fromMillis));
        long[] widths = { 60_000, 300_000, 3_600_000 };
        if (random.nextInt(3) == 0) {
            long width = widths[random.nextInt(widths.length)];
            offset = Math.floorDiv(offset, width) * width;
        }
        return base.plusMillis(offset);
    }

    private record StoredList(String version, String variant, Instant servedAt, Long[] items, Double diversity) {
    }

    private List<StoredList> storedLists() {
        List<StoredList> lists = new ArrayList<>();
        pool.preparedQuery("select version, coalesce(variant, '') as variant, served_at, items, intra_list_diversity "
                + "from served_list where model = $1").execute(Tuple.of(model)).await().indefinitely()
                .forEach(row -> lists.add(new StoredList(row.getString("version"), row.getString("variant"),
                        row.getOffsetDateTime("served_at").toInstant(), row.getArrayOfLongs("items"),
                        row.getDouble("intra_list_diversity"))));
        return lists;
    }

    // the definition: every list served in [from, to), counted one by one
    private static Map<String, Cell> expected(List<StoredList> lists, TimeRange window) {
        Map<String, Cell> cells = new TreeMap<>();
        for (StoredList list : lists) {
            if (list.servedAt().isBefore(window.from()) || !list.servedAt().isBefore(window.to())) {
                continue;
            }
            Cell cell = cells.computeIfAbsent(list.version() + "/" + list.variant(),
                    key -> new Cell(list.version(), list.variant(), 0, 0, 0, new HashMap<>()));
            Map<Long, Long> exposure = cell.exposure();
            for (Long item : list.items()) {
                exposure.merge(item, 1L, Long::sum);
            }
            cells.put(list.version() + "/" + list.variant(), new Cell(cell.version(), cell.variant(), cell.lists() + 1,
                    cell.diversitySum() + (list.diversity() == null ? 0 : list.diversity()),
                    cell.diversityLists() + (list.diversity() == null ? 0 : 1), exposure));
        }
        return cells;
    }
}
