package dev.recsys.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void absolutePathsKeepOnlyTheirFileName() {
        assertEquals("cannot read …/model-card.json: no such file",
                Redaction.paths("cannot read /work/models/movie-recs/3/model-card.json: no such file"));
        assertEquals("…/3 is incomplete", Redaction.paths("/srv/models/movie-recs/3/ is incomplete"));
        assertEquals("(…/reference.json)", Redaction.paths("(/tmp/x/reference.json)"));
        assertEquals("'…/models'", Redaction.paths("'C:\\data\\models'"));
    }

    @Test
    void leavesUrlsRelativePathsAndPlainTextAlone() {
        for (String text : new String[] {"see http://localhost:9080/q/health/ready", "movie-recs/3/model.onnx",
            "a report id from …/reports", "genres: Drama|Comedy", "1/2 of 3", "ml:predictions:movie-recs"}) {
            assertEquals(text, Redaction.paths(text));
        }
        assertNull(Redaction.paths(null));
    }
}
