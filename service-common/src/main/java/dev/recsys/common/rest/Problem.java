package dev.recsys.common.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

import dev.recsys.common.text.Redaction;

/**
 * The body of every error response of the three services: RFC 9457 problem details ({@code application/problem+json}).
 * {@code type} is always {@code about:blank} (the status says what happened), {@code title} the status' reason phrase,
 * {@code instance} the request path, and the extension member {@code field} names the offending request field when
 * there is one (the {@code detail} names it too).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * A problem for {@code status} with the status' reason phrase as title; absolute file paths in {@code detail} are
     * cut to their file name ({@link Redaction}).
     */
    public static Problem of(int status, String detail, String instance, String field) {
        return new Problem("about:blank", title(status), status, Redaction.paths(detail), instance, field);
    }

    /** The reason phrase of {@code status}, e.g. "Bad Request". */
    public static String title(int status) {
        Response.StatusType known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> "HTTP " + status;
        };
    }

    /** The problem as a JSON string, for handlers below JAX-RS (the Vert.x body-limit filter and failure handler). */
    public String toJson() {
        StringBuilder json = new StringBuilder(160).append("{\"type\":").append(quote(type))
                .append(",\"title\":").append(quote(title))
                .append(",\"status\":").append(status);
        if (detail != null) {
            json.append(",\"detail\":").append(quote(detail));
        }
        if (instance != null) {
            json.append(",\"instance\":").append(quote(instance));
        }
        if (field != null) {
            json.append(",\"field\":").append(quote(field));
        }
        return json.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
