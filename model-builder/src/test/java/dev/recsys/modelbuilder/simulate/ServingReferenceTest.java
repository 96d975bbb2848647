package dev.recsys.modelbuilder.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.modelbuilder.BuildOptions;
import dev.recsys.modelbuilder.ModelBuilder;
import dev.recsys.modelbuilder.onnx.OnnxModelReader;
import dev.recsys.modelbuilder.train.ItemScorer;
import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.features.PredictionFeatures;
import dev.recsys.modelrepository.features.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingReferenceTest {

    @TempDir
    static Path repository;
    static LoadedModel model;
    static ReferenceProfile reference;

    @BeforeAll
    static void build() throws IOException {
        ModelBuilder.build(BuildOptions.builder(repository, "tiny").synthetic(200, 300, 10_000).factors(8)
                .iterations(4).referenceSamples(12_000).referenceColdShare(0.1).build());
        ModelRepository repo = new ModelRepository(repository);
        model = repo.load(repo.latestComplete("tiny").orElseThrow());
        reference = ReferenceProfile.read(model.referenceFile());
    }

    @Test
    void theReferenceHasTheConfiguredSamplesAndColdShare() {
        assertEquals(12_000, reference.samples());
        List<Object> segments = reference.features().get(PredictionFeatures.USER_SEGMENT);
        long cold = segments.stream().filter(PredictionFeatures.SEGMENT_COLD::equals).count();
        // binomial(12000, 0.1): sd 0.0027
        assertEquals(0.1, cold / 12_000.0, 0.012, "cold-start share");
        for (int j = 0; j < reference.samples(); j++) {
            boolean isCold = PredictionFeatures.SEGMENT_COLD.equals(segments.get(j));
            assertEquals(isCold, reference.features().get(PredictionFeatures.USER_MEAN_RATING).get(j) == null);
        }
    }

    @Test
    void theReferenceIsWhatTheServedListsGiveUnderTheActivityLaw() throws IOException {
        // the reference is reproducible from the version's own files: the ONNX graph's factors, seen items, card
        ServedLists lists = new ServedLists(new ItemScorer(OnnxModelReader.read(model.modelFile())), model.items(),
                model.seen(), model.card().popularItems(), 10);
        ActivityLaw law = new ActivityLaw(model.users(), ActivityLaw.DEFAULT_EXPONENT, 0.1);
        List<Map<String, Object>> events = ServingReference.events(lists, model.users(),
                new PredictionFeatures(model.items()), law, 12_000, 42);
        Map<String, List<Object>> again = roundTrip(ReferenceProfile.of("tiny", 1, events));
        for (String name : PredictionFeatures.NAMES) {
            List<Object> expected = reference.features().get(name);
            List<Object> actual = again.get(name);
            for (int j = 0; j < expected.size(); j++) {
                assertEquals(expected.get(j), actual.get(j), name + " of sample " + j);
            }
        }
    }

    @Test
    void heavyUsersAreAsFrequentAsTheLawSays() {
        // a user's share of the known-user samples follows ratingCount^1: compare the mean rating count
        List<Object> counts = reference.features().get(PredictionFeatures.USER_RATING_COUNT);
        double sampled = counts.stream().mapToInt(o -> ((Number) o).intValue()).filter(c -> c > 0).average().orElseThrow();
        double sum = 0;
        double sumSquares = 0;
        for (int u = 0; u < model.users().size(); u++) {
            sum += model.users().ratingCount(u);
            sumSquares += (double) model.users().ratingCount(u) * model.users().ratingCount(u);
        }
        double expected = sumSquares / sum;
        double uniform = sum / model.users().size();
        assertTrue(expected > uniform * 1.2, "the law favours heavy users");
        assertEquals(expected, sampled, 0.05 * expected, "mean rating count of the sampled known users");
    }

    private static Map<String, List<Object>> roundTrip(ReferenceProfile profile) throws IOException {
        Path file = repository.resolve("again.json");
        profile.write(file);
        return ReferenceProfile.read(file).features();
    }
}
