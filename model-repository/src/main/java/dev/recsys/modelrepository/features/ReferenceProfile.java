package dev.recsys.modelrepository.features;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reference.json}: one list of values per prediction-event feature, sample by sample
 * (value j of every list belongs to sample j; {@code null} where a feature has no value).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferenceProfile(String model, int version, int samples, Map<String, List<Object>> features) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Builds a profile from feature maps as {@link PredictionFeatures} computes them. */
    public static ReferenceProfile of(String model, int version, List<Map<String, Object>> events) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (String name : PredictionFeatures.NAMES) {
            List<Object> values = new ArrayList<>(events.size());
            for (Map<String, Object> e : events) {
                values.add(e.get(name));
            }
            columns.put(name, values);
        }
        return new ReferenceProfile(model, version, events.size(), columns);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static ReferenceProfile read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ReferenceProfile.class);
    }
}
