package dev.recsys.drift.monitor.service;

import dev.recsys.drift.engine.Column;
import dev.recsys.drift.quality.event.QualityWindow;
import dev.recsys.drift.monitor.service.EvaluationResult.SketchAccuracy;
import dev.recsys.drift.monitor.stream.TraceRef;

import java.util.List;
import java.util.Map;

/**
 * What a window holds, whichever way it was read: per-feature current columns (raw, or expanded
 * from sketches), the served version and sample traces.
 *
 * @param rankErrors  per numeric feature, the KLL rank error of its column (sketch mode only)
 * @param shareErrors per label feature, the frequent-items share error of its column (sketch mode only)
 * @param quality     the raw events for the data-quality checks (in sketch mode: the newest ones, as a sample)
 */
record WindowData(String mode, long start, long end, long samples, String version, List<TraceRef> traces,
                  Map<String, Column> columns, SketchAccuracy accuracy, Map<String, Double> rankErrors,
                  Map<String, Double> shareErrors, QualityWindow quality) {

    static final String EXACT = "exact";
    static final String SKETCH = "sketch";
}
