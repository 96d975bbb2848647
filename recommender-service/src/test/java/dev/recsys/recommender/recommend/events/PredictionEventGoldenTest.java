package dev.recsys.recommender.recommend.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The producer's side of event v1 (docs/architecture.md §5): the event with the golden file's
 * values serializes to exactly docs/events/prediction-event-v1.json, field order and nulls
 * included. The drift-service's and metrics-gateway's tests parse the same file.
 */
class PredictionEventGoldenTest {

    static final Path GOLDEN = Path.of("..", "docs", "events", "prediction-event-v1.json");

    @Test
    void serializesToTheGoldenEvent() throws Exception {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("user_rating_count", 57);
        features.put("user_mean_rating", 3.6);
        features.put("user_segment", "casual");
        features.put("rec_mean_score", 4.402);
        features.put("rec_top_score", 4.61);
        features.put("rec_mean_popularity", 0.43);
        features.put("rec_top_genre", "Drama");
        PredictionEvent event = new PredictionEvent(PredictionEvent.SCHEMA_VERSION,
                "3b241101-e2bb-4255-8caf-4136c566a962", 1732345678901L, "movie-recs", "1",
                "5f0c2a9e-7d3b-4c1e-9a8f-2b6d4e1c0a77", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                1, 10, false, false, null, null,
                new int[] {50, 172, 133, 174, 127, 195, 181, 100, 258, 98},
                new float[] {4.61f, 4.52f, 4.5f, 4.47f, 4.41f, 4.38f, 4.35f, 4.3f, 4.28f, 4.2f},
                features);

        // the publisher writes events with a plain ObjectMapper (PredictionEventPublisher)
        assertEquals(Files.readString(GOLDEN).strip(), new ObjectMapper().writeValueAsString(event),
                "event v1 changed: a contract change must update docs/architecture.md §5 and the golden file together");
        assertEquals("ml:predictions:movie-recs", PredictionEvent.stream("movie-recs"));
    }
}
