package dev.recsys.drift.monitor.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.recsys.drift.monitor.service.Degradation;
import dev.recsys.drift.monitor.service.EvaluationResult;

import java.util.List;

/** An evaluation as {@code status} and {@code evaluate} answer it, with {@code degraded} when something is. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StatusView(@JsonUnwrapped EvaluationResult result, List<Degradation> degraded) {
}
