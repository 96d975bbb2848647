package dev.recsys.common.rest;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses raw path, query and body values so that a bad one is a 400 {@link ProblemException} naming the field:
 * integers with their range (no overflow: a value outside {@code long} is out of range, not a wrap-around), booleans,
 * enum names, names matching a pattern and free text without control characters. Values are clipped in details.
 */
public final class RequestParams {

    /** Model names everywhere (stream keys, repository folders): letters, digits, '.', '_' and '-'. */
    public static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private static final int SHOWN = 40;

    private RequestParams() {
    }

    /** An int in [min, max]; {@code defaultValue} when absent or blank. */
    public static int intInRange(String field, String raw, int defaultValue, int min, int max) {
        return (int) longInRange(field, raw, defaultValue, min, max);
    }

    /** A long in [min, max]; {@code defaultValue} when absent or blank. */
    public static long longInRange(String field, String raw, long defaultValue, long min, long max) {
        Long value = optionalLong(field, raw, min, max);
        return value == null ? defaultValue : value;
    }

    /** A long in [min, max], or null when absent or blank. */
    public static Long optionalLong(String field, String raw, long min, long max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw ProblemException.badRequest(field, "must be an integer in " + min + ".." + max + ", got '" + shown(raw) + "'");
    }

    /** A required positive int (an id). */
    public static int positiveInt(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.badRequest(field, "required (a positive integer)");
        }
        return intInRange(field, raw, 0, 1, Integer.MAX_VALUE);
    }

    /** Epoch milliseconds (0 to year 9999), or null when absent. */
    public static Long epochMillis(String field, String raw) {
        return optionalLong(field, raw, 0, 253_402_300_799_999L);
    }

    public static boolean bool(String field, String raw, boolean defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(field, "must be true or false, got '" + shown(raw) + "'");
        };
    }

    /** The constant of {@code type} named by {@code raw} (any case); {@code defaultValue} when absent or blank. */
    public static <E extends Enum<E>> E enumValue(String field, String raw, Class<E> type, E defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw.trim())) {
                return constant;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw ProblemException.badRequest(field, "must be one of " + names + ", got '" + shown(raw) + "'");
    }

    /** Trimmed text of minLength..maxLength characters without control characters. */
    public static String text(String field, String raw, int minLength, int maxLength) {
        String value = raw == null ? "" : raw.trim();
        if (value.length() < minLength || value.length() > maxLength) {
            throw ProblemException.badRequest(field, "must be " + minLength + ".." + maxLength + " characters long");
        }
        return noControl(field, value);
    }

    /** {@code raw} when it matches {@code pattern} (described for people), else a 400. */
    public static String matching(String field, String raw, Pattern pattern, String description) {
        if (raw == null || !pattern.matcher(raw).matches()) {
            throw ProblemException.badRequest(field, "must be " + description + (raw == null ? "" : ", got '" + shown(raw) + "'"));
        }
        return raw;
    }

    /** A model name ({@link #MODEL_NAME}). */
    public static String modelName(String field, String raw) {
        return matching(field, raw, MODEL_NAME, "1 to 128 letters, digits, '.', '_' or '-'");
    }

    /**
     * {@code value} unchanged when it has no control character (U+0000–U+001F, U+007F–U+009F) and no unpaired
     * surrogate: those cannot be stored (PostgreSQL refuses NUL) and are never part of a valid name or query.
     */
    public static String noControl(String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw ProblemException.badRequest(field, String.format("must not contain control characters (U+%04X at %d)", (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ProblemException.badRequest(field, "must be valid Unicode (unpaired surrogate at " + i + ")");
            }
        }
        return value;
    }

    /** A finite double (not NaN, not ±Infinity) in [min, max]. */
    public static double finite(String field, double value, double min, double max) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw ProblemException.badRequest(field, "must be a finite number in " + min + ".." + max);
        }
        return value;
    }

    /** The value for a detail: its first 40 characters, control characters shown as '?'. */
    public static String shown(String raw) {
        if (raw == null) {
            return "";
        }
        String clipped = raw.length() > SHOWN ? raw.substring(0, SHOWN) + "…" : raw;
        StringBuilder out = new StringBuilder(clipped.length());
        clipped.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp < 0x10000 ? '?' : cp));
        return out.toString();
    }
}
