package dev.recsys.recommender.common.rest;

/** Parses raw query and path values so that a bad one yields a 400 naming the field. */
public final class RequestParams {

    private RequestParams() {
    }

    public static int intInRange(String field, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw ProblemException.badRequest(field + " must be an integer in " + min + ".." + max + ", got '" + clip(raw) + "'");
    }

    public static int positiveId(String field, String raw) {
        try {
            int value = Integer.parseInt(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw ProblemException.badRequest(field + " must be a positive integer, got '" + clip(raw) + "'");
    }

    public static boolean bool(String field, String raw, boolean defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(field + " must be true or false, got '" + clip(raw) + "'");
        };
    }

    public static String text(String field, String raw, int minLength, int maxLength) {
        String value = raw == null ? "" : raw.trim();
        if (value.length() < minLength || value.length() > maxLength) {
            throw ProblemException.badRequest(field + " must be " + minLength + ".." + maxLength + " characters long");
        }
        return value;
    }

    private static String clip(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
}
