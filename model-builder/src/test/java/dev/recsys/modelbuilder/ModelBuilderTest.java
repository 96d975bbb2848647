package dev.recsys.modelbuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.modelbuilder.runs.RunLog;
import dev.recsys.modelbuilder.runs.RunRecord;
import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.modelrepository.ModelCard;
import dev.recsys.modelrepository.ModelRepository;
import dev.recsys.modelrepository.features.PredictionFeatures;
import dev.recsys.modelrepository.features.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBuilderTest {

    @TempDir
    Path repository;

    @Test
    void tinyBuildWritesACompleteLoadableVersion() throws IOException {
        BuildOptions options = BuildOptions.builder(repository, "tiny")
                .synthetic(200, 300, 10_000)
                .factors(8)
                .iterations(4)
                .build();
        BuildResult first = ModelBuilder.build(options);
        assertEquals(repository.resolve("tiny").resolve("1"), first.versionDir());

        ModelRepository repo = new ModelRepository(repository);
        LoadedModel model = repo.load(repo.latestComplete("tiny").orElseThrow());
        ModelCard card = model.card();
        assertEquals(1, card.version());
        assertEquals(200, model.users().size());
        assertEquals(300, model.items().size());
        assertEquals(200, model.seen().users());
        assertEquals(10_000, card.data().ratings());
        assertEquals(card.data().trainRatings(), model.seen().items().length);
        assertEquals(card.data().ratings(), card.data().trainRatings() + card.data().testRatings());
        assertEquals(64, card.data().sha256().length());
        assertTrue(card.popularItems().size() >= 200, "cold-start list of at least 200");
        for (int i = 1; i < card.popularItems().size(); i++) {
            assertTrue(card.popularItems().get(i).score() <= card.popularItems().get(i - 1).score());
        }
        assertTrue(card.offlineMetrics().rmse() > 0 && card.offlineMetrics().rmse() < 1.5);
        float maxPopularity = 0;
        for (int i = 0; i < model.items().size(); i++) {
            maxPopularity = Math.max(maxPopularity, model.items().popularity(i));
        }
        assertEquals(1f, maxPopularity);

        // beyond accuracy of the evaluated users' top-10 lists, each user's 10 unseen items
        ModelCard.BeyondAccuracy beyond = card.beyondAccuracy();
        assertEquals(card.evaluatedUsers(), beyond.lists());
        assertEquals(card.evaluatedUsers() * 10L, beyond.slots());
        assertEquals(beyond.uniqueItems() / 300.0, beyond.catalogCoverage(), 1e-12);
        assertTrue(beyond.intraListDiversity() > 0 && beyond.intraListDiversity() < 1);
        assertTrue(beyond.popularityGini() > 0 && beyond.popularityGini() < 1);
        assertEquals(1, beyond.genreShare().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);

        ReferenceProfile reference = ReferenceProfile.read(model.referenceFile());
        assertEquals("tiny", reference.model());
        assertEquals(10_000, reference.samples(), "reference.json describes 10,000 requests of the steady mix");
        assertEquals(PredictionFeatures.NAMES, List.copyOf(reference.features().keySet()));
        for (List<Object> values : reference.features().values()) {
            assertEquals(reference.samples(), values.size());
        }
        assertNotNull(reference.features().get("rec_top_genre").get(0));

        BuildResult second = ModelBuilder.build(options);
        assertEquals(2, second.version());
        assertEquals(first.card().data().sha256(), second.card().data().sha256(), "same seed, same data");
        List<RunRecord> runs = new RunLog(repository, "tiny").read();
        assertEquals(List.of(1, 2), runs.stream().map(RunRecord::version).toList());
        assertEquals(second.versionDir().toAbsolutePath().toString(), runs.get(1).output());
        assertEquals(8, runs.get(1).parameters().factors());
        assertEquals(second.card().beyondAccuracy(), runs.get(1).beyondAccuracy());
    }

    @Test
    void modelBeatsPopularityOnTheDefaultData() throws IOException {
        BuildResult result = ModelBuilder.build(BuildOptions.builder(repository, "movie-recs").build());
        ModelCard card = result.card();
        assertEquals(100_000, card.data().ratings());
        double model = card.offlineMetrics().ndcgAt10();
        double popularity = card.baseline().ndcgAt10();
        assertTrue(model > popularity * 1.2, "NDCG@10 model " + model + " vs popularity " + popularity);
        assertTrue(card.offlineMetrics().precisionAt10() > card.baseline().precisionAt10());
        assertTrue(card.offlineMetrics().rmse() < 0.95, "RMSE " + card.offlineMetrics().rmse());
    }
}
