package dev.recsys.modelbuilder.simulate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Requests, successes and latencies per endpoint; thread-safe. */
public final class LoadStats {

    /** One row of the final table; latencies in milliseconds. */
    public record Row(String endpoint, long requests, double requestsPerSecond, double success, double p50,
                      double p95, double p99) {
    }

    private static final class Endpoint {
        long ok;
        long failed;
        double[] latencies = new double[1024];
        int size;

        synchronized void add(boolean success, double ms) {
            if (success) {
                ok++;
            } else {
                failed++;
            }
            if (size == latencies.length) {
                latencies = Arrays.copyOf(latencies, size * 2);
            }
            latencies[size++] = ms;
        }

        synchronized double[] sorted() {
            double[] s = Arrays.copyOf(latencies, size);
            Arrays.sort(s);
            return s;
        }
    }

    private final Map<String, Endpoint> endpoints = new TreeMap<>();
    private final AtomicLong total = new AtomicLong();

    public void record(String endpoint, boolean success, double ms) {
        Endpoint e;
        synchronized (endpoints) {
            e = endpoints.computeIfAbsent(endpoint, x -> new Endpoint());
        }
        e.add(success, ms);
        total.incrementAndGet();
    }

    public long total() {
        return total.get();
    }

    /** One row per endpoint, sorted by name, then TOTAL. */
    public List<Row> rows(double seconds) {
        List<Row> rows = new ArrayList<>();
        long ok = 0;
        long all = 0;
        List<double[]> every = new ArrayList<>();
        synchronized (endpoints) {
            for (Map.Entry<String, Endpoint> entry : endpoints.entrySet()) {
                Endpoint e = entry.getValue();
                double[] sorted = e.sorted();
                long n;
                long good;
                synchronized (e) {
                    n = e.ok + e.failed;
                    good = e.ok;
                }
                ok += good;
                all += n;
                every.add(sorted);
                rows.add(row(entry.getKey(), n, good, seconds, sorted));
            }
        }
        double[] merged = every.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        rows.add(row("TOTAL", all, ok, seconds, merged));
        return rows;
    }

    private static Row row(String name, long n, long ok, double seconds, double[] sorted) {
        return new Row(name, n, n / seconds, n == 0 ? 0 : ok / (double) n, percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99));
    }

    /** Nearest-rank percentile; NaN when empty. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static void printTable(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%n%-22s%10s%9s%9s%9s%9s%9s%n", "endpoint", "requests", "req/s", "success", "p50 ms",
                "p95 ms", "p99 ms");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-22s%10d%9.1f%9s%9.1f%9.1f%9.1f%n", r.endpoint(), r.requests(),
                    r.requestsPerSecond(), String.format(Locale.ROOT, "%.2f%%", 100 * r.success()), r.p50(), r.p95(),
                    r.p99());
        }
    }

    public static Map<String, Object> json(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", r.endpoint());
        m.put("requests", r.requests());
        m.put("rps", r.requestsPerSecond());
        m.put("success", r.success());
        m.put("p50", r.p50());
        m.put("p95", r.p95());
        m.put("p99", r.p99());
        return m;
    }
}
