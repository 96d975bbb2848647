package dev.recsys.drift.monitor.stream;

/** Redis stream ids ({@code millis-seq}, both unsigned 64-bit) compared and made without a round trip. */
public final class StreamIds {

    private StreamIds() {
    }

    /** XADD time of an id: the time of an entry without a readable {@code ts}. */
    public static long millis(String id) {
        int dash = id.indexOf('-');
        return digits(id, 0, dash < 0 ? id.length() : dash);
    }

    /** The sequence part of an id (0 when it has none). */
    public static long sequence(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? 0 : digits(id, dash + 1, id.length());
    }

    /** Negative, zero or positive as {@code a} comes before, is, or comes after {@code b}. */
    public static int compare(String a, String b) {
        int byMillis = Long.compareUnsigned(millis(a), millis(b));
        return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence(a), sequence(b));
    }

    /** The unsigned decimal in {@code [from, to)} (without a substring: runs for every entry read). */
    private static long digits(String id, int from, int to) {
        if (to - from >= 19) {
            return Long.parseUnsignedLong(id.substring(from, to));
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a stream id: " + id);
            }
            value = value * 10 + (c - '0');
        }
        if (from == to) {
            throw new NumberFormatException("not a stream id: " + id);
        }
        return value;
    }

    /** The largest id before XADD time {@code millis} ({@code 0-0} for time 0). */
    public static String before(long millis) {
        return millis <= 0 ? "0-0" : (millis - 1) + "-" + Long.toUnsignedString(-1L);
    }
}
