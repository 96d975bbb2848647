package dev.recsys.drift.monitor.stream;

/** Redis stream ids ({@code millis-seq}, both unsigned 64-bit) compared and made without a round trip. */
public final class StreamIds {

    private StreamIds() {
    }

    /** XADD time of an id: the time of an entry without a readable {@code ts}. */
    public static long millis(String id) {
        int dash = id.indexOf('-');
        return Long.parseUnsignedLong(dash < 0 ? id : id.substring(0, dash));
    }

    private static long sequence(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? 0 : Long.parseUnsignedLong(id.substring(dash + 1));
    }

    /** Negative, zero or positive as {@code a} comes before, is, or comes after {@code b}. */
    public static int compare(String a, String b) {
        int byMillis = Long.compareUnsigned(millis(a), millis(b));
        return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence(a), sequence(b));
    }

    /** The largest id before XADD time {@code millis} ({@code 0-0} for time 0). */
    public static String before(long millis) {
        return millis <= 0 ? "0-0" : (millis - 1) + "-" + Long.toUnsignedString(-1L);
    }
}
