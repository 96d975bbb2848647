package dev.recsys.common.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes absolute file paths from text that leaves a service (error details, health details, summaries): an absolute
 * path such as {@code /srv/models/movie-recs/3/model.onnx} becomes {@code …/model.onnx}, which still says which file
 * but not where the service's disk layout puts it. URLs ({@code http://host/a/b}) are left alone.
 */
public final class Redaction {

    /** Two or more path segments after a start that is not part of a word, a URL or a relative path. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile(
            "(?<![\\w.:/~-])(?:[A-Za-z]:)?(?:[/\\\\][^/\\\\\\s'\"`,;:()\\[\\]{}<>]+){2,}[/\\\\]?");

    private Redaction() {
    }

    /** {@code text} with every absolute path replaced by {@code …/<file name>}; null stays null. */
    public static String paths(String text) {
        if (text == null || text.indexOf('/') < 0 && text.indexOf('\\') < 0) {
            return text;
        }
        Matcher matcher = ABSOLUTE_PATH.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String path = matcher.group();
            String trimmed = path.replaceAll("[/\\\\]+$", "");
            int last = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
            matcher.appendReplacement(out, Matcher.quoteReplacement("…/" + trimmed.substring(last + 1)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
