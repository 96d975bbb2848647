package dev.recsys.gateway.served;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.recsys.gateway.served.events.PredictionEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The gateway's side of event v1 (docs/architecture.md §5): the golden event that the recommender's
 * PredictionEventGoldenTest writes becomes the served list it describes.
 */
@QuarkusTest
class PredictionEventsGoldenTest {

    @Inject
    PredictionEvents events;

    @Test
    void theGoldenEventV1BecomesItsServedList() throws Exception {
        ServedList list = events.parse(Files.readString(Path.of("..", "docs", "events", "prediction-event-v1.json")));
        assertEquals("5f0c2a9e-7d3b-4c1e-9a8f-2b6d4e1c0a77", list.requestId());
        assertEquals("movie-recs", list.model());
        assertEquals("1", list.version());
        assertNull(list.experiment());
        assertNull(list.variant());
        assertEquals(1L, list.userId());
        assertEquals(Instant.ofEpochMilli(1732345678901L), list.servedAt());
        assertArrayEquals(new Long[] {50L, 172L, 133L, 174L, 127L, 195L, 181L, 100L, 258L, 98L}, list.items());
        assertArrayEquals(new Double[] {4.61, 4.52, 4.5, 4.47, 4.41, 4.38, 4.35, 4.3, 4.28, 4.2}, list.scores());
    }
}
