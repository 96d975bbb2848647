package dev.recsys.drift.monitor.reference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A reference as CSV (RFC 4180): a header row of feature names, one row per sample; a number
 * cell is a number, an empty cell is null, anything else a label. Converted to the JSON document
 * form so both inputs are stored and validated alike.
 */
public final class CsvReference {

    private CsvReference() {
    }

    public static ObjectNode toDocument(String csv) {
        List<List<String>> rows = parse(csv == null ? "" : csv);
        if (rows.isEmpty() || rows.get(0).isEmpty() || rows.get(0).stream().allMatch(String::isBlank)) {
            throw new InvalidReferenceException("body", "CSV needs a header row of feature names");
        }
        List<String> header = rows.get(0);
        ObjectNode features = JsonNodeFactory.instance.objectNode();
        List<ArrayNode> columns = new ArrayList<>();
        for (String name : header) {
            if (name.isBlank() || features.has(name.trim())) {
                throw new InvalidReferenceException("header", "feature names must be non-empty and unique");
            }
            columns.add(features.putArray(name.trim()));
        }
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw new InvalidReferenceException("row " + (r + 1), "has " + row.size() + " cells, header has " + header.size());
            }
            for (int c = 0; c < row.size(); c++) {
                add(columns.get(c), row.get(c));
            }
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set("features", features);
        return document;
    }

    private static void add(ArrayNode column, String cell) {
        if (cell.isEmpty()) {
            column.addNull();
            return;
        }
        try {
            column.add(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            column.add(cell);
        }
    }

    /** RFC 4180 rows: comma-separated, double-quoted cells may hold commas, quotes ("") and line breaks. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
