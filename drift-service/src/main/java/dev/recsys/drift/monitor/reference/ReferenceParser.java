package dev.recsys.drift.monitor.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.drift.engine.Column;
import dev.recsys.drift.monitor.stream.ColumnBuilder;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@code {"features": {"name": [values…]}}} document (reference.json or an admin PUT body)
 * into cleaned columns; values are numbers, strings, booleans or null.
 */
public final class ReferenceParser {

    private ReferenceParser() {
    }

    /**
     * @throws InvalidReferenceException naming the field when the document is not a usable reference
     */
    public static Map<String, Column> parse(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new InvalidReferenceException("body", "must be a JSON object with a 'features' object");
        }
        JsonNode features = document.get("features");
        if (features == null || !features.isObject()) {
            throw new InvalidReferenceException("features", "must be an object of feature name to values");
        }
        if (features.isEmpty()) {
            throw new InvalidReferenceException("features", "must name at least one feature");
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = features.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode values = field.getValue();
            if (!values.isArray()) {
                throw new InvalidReferenceException("features." + name, "must be an array of values");
            }
            ColumnBuilder builder = new ColumnBuilder();
            for (JsonNode value : values) {
                builder.add(value(name, value));
            }
            Column column = builder.build();
            if (column.size() == 0) {
                throw new InvalidReferenceException("features." + name, "has no values after dropping null, NaN and infinities");
            }
            columns.put(name, column);
        }
        return columns;
    }

    private static Object value(String feature, JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isNull()) {
            return null;
        }
        throw new InvalidReferenceException("features." + feature, "values must be numbers, strings, booleans or null");
    }
}
