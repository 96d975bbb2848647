package dev.recsys.gateway.remote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition, enough to sum counters by label. */
public final class PrometheusText {

    /** One sample line: name{labels} value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int exemplar = line.indexOf(" # ");
            Matcher matcher = LINE.matcher((exemplar < 0 ? line : line.substring(0, exemplar)).trim());
            if (!matcher.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(2) != null) {
                Matcher label = LABEL.matcher(matcher.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            try {
                samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
            } catch (NumberFormatException ignored) {
                // a value such as +Inf in an unexpected place: not a sample we can sum
            }
        }
        return new PrometheusText(samples);
    }

    /** Sum of every sample of the metric whose labels pass the filter; null when there is none. */
    public Double sum(String name, Predicate<Map<String, String>> labels) {
        Double total = null;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && labels.test(sample.labels())) {
                total = (total == null ? 0 : total) + sample.value();
            }
        }
        return total;
    }

    /** Sum of the metric per value of one label. */
    public Map<String, Double> sumBy(String name, String label) {
        Map<String, Double> totals = new LinkedHashMap<>();
        for (Sample sample : samples) {
            if (sample.name().equals(name)) {
                totals.merge(sample.labels().getOrDefault(label, ""), sample.value(), Double::sum);
            }
        }
        return totals;
    }
}
