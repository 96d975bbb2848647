package dev.recsys.drift.monitor.stream;

/** A request trace of a window: W3C trace id (32 hex) and the span that published the event (16 hex). */
public record TraceRef(String traceId, String spanId, long ts) {

    public static boolean valid(String traceId, String spanId) {
        return traceId != null && spanId != null && traceId.length() == 32 && spanId.length() == 16
                && isHex(traceId) && isHex(spanId);
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
