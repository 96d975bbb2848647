package dev.recsys.gateway.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.recsys.common.rest.ProblemException;

/** A half-open time range [from, to), from query parameters {@code window} or {@code from}/{@code to}. */
public record TimeRange(Instant from, Instant to) {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhd])");

    /**
     * @param windowParam the name of the duration parameter (window, period) for error details
     * @throws ProblemException 400 naming the bad parameter
     */
    public static TimeRange parse(String windowParam, String window, Long from, Long to, Duration defaultWindow,
            Duration maxWindow, Instant now) {
        if (window != null && (from != null || to != null)) {
            throw ProblemException.badRequest(windowParam, "give either " + windowParam + " or from/to, not both");
        }
        if (from == null && to != null) {
            throw ProblemException.badRequest("from", "required when to is given");
        }
        TimeRange range;
        if (from != null) {
            if (from < 0) {
                throw ProblemException.badRequest("from", "must be epoch milliseconds >= 0");
            }
            Instant end = to == null ? now : Instant.ofEpochMilli(to);
            if (!end.isAfter(Instant.ofEpochMilli(from))) {
                throw ProblemException.badRequest("to", "must be after from");
            }
            range = new TimeRange(Instant.ofEpochMilli(from), end);
        } else {
            Duration length = window == null ? defaultWindow : duration(windowParam, window);
            range = new TimeRange(now.minus(length), now);
        }
        if (Duration.between(range.from, range.to).compareTo(maxWindow) > 0) {
            throw ProblemException.badRequest(from != null ? "from" : windowParam,
                    "the range may span at most " + maxWindow.toDays() + "d");
        }
        return range;
    }

    /** Parses 30s, 15m, 1h, 7d. */
    public static Duration duration(String param, String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw ProblemException.badRequest(param, "must be a positive duration such as 15m, 1h or 7d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
