package dev.recsys.drift.quality.history;

import dev.recsys.drift.quality.check.CheckVerdict;
import dev.recsys.drift.quality.check.DataQualityResult;

import java.util.List;
import java.util.Map;

/** What history keeps of a window's data quality: the verdict of every check. */
public record QualitySummary(boolean passed, List<String> violations, int events, int checkedEvents,
                             Map<String, CheckVerdict> checks) {

    public static QualitySummary of(DataQualityResult result) {
        return new QualitySummary(result.passed(), result.violations(), result.events(), result.checkedEvents(),
                result.checks());
    }
}
