package dev.recsys.modelbuilder.runs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.recsys.modelrepository.ModelCard;

/** One line of {@code {repository}/{model}/runs.jsonl}: what a build did and how well it did. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecord(String timestamp, String model, int version, ModelCard.Parameters parameters,
                        ModelCard.OfflineMetrics metrics, ModelCard.Baseline baseline, String dataSource,
                        String dataSha256, long ratings, double trainingSeconds, double durationSeconds,
                        String output, ModelCard.BeyondAccuracy beyondAccuracy) {
}
