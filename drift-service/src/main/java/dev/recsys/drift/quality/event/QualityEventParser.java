package dev.recsys.drift.quality.event;

import dev.recsys.drift.event.StreamEvent;
import dev.recsys.drift.event.StreamEventParser;

/**
 * Reads the {@code event} field of a stream entry into a {@link QualityEvent}, or says why it cannot:
 * the data-quality checks' view of a {@link StreamEvent} (the one parse that also feeds drift).
 */
public final class QualityEventParser {

    /** The event version this service understands. */
    public static final int SUPPORTED_VERSION = 1;

    private static final Rejected UNPARSABLE = new Rejected(EventRejection.UNPARSABLE);
    private static final Rejected UNSUPPORTED_VERSION = new Rejected(EventRejection.UNSUPPORTED_VERSION);
    private static final Rejected INVALID_ENVELOPE = new Rejected(EventRejection.INVALID_ENVELOPE);

    /** Either a readable event or the reason it was rejected. */
    public sealed interface Outcome permits Parsed, Rejected {
    }

    public record Parsed(QualityEvent event) implements Outcome {
    }

    public record Rejected(EventRejection reason) implements Outcome {
    }

    private QualityEventParser() {
    }

    public static Outcome parse(String json) {
        return outcome(StreamEventParser.parse(json));
    }

    /** The data-quality reading of an entry already parsed ({@code null}: not one readable JSON object). */
    public static Outcome outcome(StreamEvent event) {
        if (event == null || !event.strict()) {
            return UNPARSABLE;
        }
        if (event.v() != null && event.v() != SUPPORTED_VERSION) {
            return UNSUPPORTED_VERSION;
        }
        if (event.v() == null || event.eventId() == null || event.eventId().isEmpty() || event.ts() == null
                || event.features() == null) {
            return INVALID_ENVELOPE;
        }
        return new Parsed(new QualityEvent(event.eventId(), event.ts(), event.features()));
    }
}
