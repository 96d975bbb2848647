package dev.recsys.modelrepository;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The {@code model-card.json} of one model version (see docs/model-repository.md).
 * Unknown properties are ignored so that older readers accept newer cards.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
        String name,
        int version,
        String createdAt,
        DataInfo data,
        Parameters parameters,
        OfflineMetrics offlineMetrics,
        Baseline baseline,
        double relevanceThreshold,
        int evaluatedUsers,
        double trainingSeconds,
        double globalMean,
        int factors,
        List<PopularItem> popularItems,
        Files files,
        BeyondAccuracy beyondAccuracy) {

    public static final String FILE_NAME = "model-card.json";

    /** Where the training data came from and how it was split. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DataInfo(String source, String sha256, int users, int items, long ratings,
                           long trainRatings, long testRatings) {
    }

    /** Training parameters. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parameters(String algorithm, int factors, int iterations, double regularization,
                             double biasRegularization, long seed, int threads) {
    }

    /** Offline quality on the held-out split (docs/statistics.md §5, k = 10). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OfflineMetrics(double rmse, double mae, double precisionAt10, double recallAt10,
                                 double ndcgAt10) {
    }

    /**
     * Beyond-accuracy quality of a set of lists (docs/model-builder.md, "Beyond accuracy"): in the card,
     * of the evaluated users' top-k lists; in metrics-gateway, of the lists served in a window. lists and
     * slots count the lists and the served item slots; a value is null where it is undefined. Absent
     * from cards written before it existed.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BeyondAccuracy(long lists, long slots, Double catalogCoverage, long uniqueItems,
                                 Double intraListDiversity, Double novelty, Double popularityGini,
                                 Map<String, Double> genreShare) {
    }

    /** The same ranking metrics for a non-personalised baseline. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Baseline(String name, double precisionAt10, double recallAt10, double ndcgAt10) {
    }

    /** One entry of the cold-start list; {@code score} is the item's damped mean rating. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PopularItem(int movieId, double score) {
    }

    /** File names inside the version directory. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Files(String model, String items, String users, String seen, String reference) {

        public static Files standard() {
            return new Files("model.onnx", "items.csv", "users.csv", "seen.bin", "reference.json");
        }

        /** The five names in this order; an entry is null where the card names no such file. */
        public List<String> all() {
            return Collections.unmodifiableList(Arrays.asList(model, items, users, seen, reference));
        }
    }
}
