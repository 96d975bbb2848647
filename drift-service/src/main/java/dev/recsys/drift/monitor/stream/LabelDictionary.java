package dev.recsys.drift.monitor.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Codes of the labels (and model versions) of one live window: each distinct text is kept once. */
final class LabelDictionary {

    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> labels = new ArrayList<>();
    private long bytes;

    int code(String label) {
        Integer code = codes.get(label);
        if (code == null) {
            code = labels.size();
            codes.put(label, code);
            labels.add(label);
            bytes += 96L + 2L * label.length();
        }
        return code;
    }

    String label(int code) {
        return labels.get(code);
    }

    long bytes() {
        return bytes;
    }
}
