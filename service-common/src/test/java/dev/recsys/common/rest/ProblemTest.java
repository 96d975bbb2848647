package dev.recsys.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void titleIsTheReasonPhrase() {
        assertEquals(new Problem("about:blank", "Request Entity Too Large", 413, "body: too big", "/api/v1/feedback", "body"),
                Problem.of(413, "body: too big", "/api/v1/feedback", "body"));
        assertEquals("Too Many Requests", Problem.title(429));
        assertEquals("HTTP 599", Problem.title(599));
    }

    @Test
    void jsonEscapesControlCharactersAndOmitsAbsentMembers() {
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"q: \\\"a\\u0000b\\\"\\n\\\\ \\ud800\"}", Problem.of(400, "q: \"a\u0000b\"\n\\ \ud800", null, null).toJson());
    }

    @Test
    void detailsNeverCarryAbsolutePaths() {
        assertEquals("no model is loaded: …/model.onnx is missing",
                Problem.of(503, "no model is loaded: /srv/models/movie-recs/3/model.onnx is missing", null, null).detail());
    }
}
