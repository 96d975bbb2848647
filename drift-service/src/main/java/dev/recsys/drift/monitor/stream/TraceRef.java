package dev.recsys.drift.monitor.stream;

/** A request trace of a window: W3C trace id (32 hex) and the span that published the event (16 hex). */
public record TraceRef(String traceId, String spanId, long ts) {

    public static boolean valid(String traceId, String spanId) {
        return traceId != null && spanId != null && traceId.length() == 32 && spanId.length() == 16
                && isHex(traceId) && isHex(spanId);
    }

    /**
     * Reads a {@link #valid} trace id and span id as three longs into {@code into[at .. at + 2]} in
     * one pass over their characters (it runs for every event a window holds); false, leaving
     * {@code into} as it was, when they are not valid.
     */
    static boolean read(String traceId, String spanId, long[] into, int at) {
        if (traceId == null || spanId == null || traceId.length() != 32 || spanId.length() != 16) {
            return false;
        }
        int bad = 0;
        long high = 0;
        long low = 0;
        long span = 0;
        for (int i = 0; i < 16; i++) {
            int a = digit(traceId.charAt(i));
            int b = digit(traceId.charAt(16 + i));
            int c = digit(spanId.charAt(i));
            bad |= a | b | c;
            high = high << 4 | a;
            low = low << 4 | b;
            span = span << 4 | c;
        }
        if (bad < 0) {
            return false;
        }
        into[at] = high;
        into[at + 1] = low;
        into[at + 2] = span;
        return true;
    }

    /** A lowercase hex digit's value, or −1. */
    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (digit(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
