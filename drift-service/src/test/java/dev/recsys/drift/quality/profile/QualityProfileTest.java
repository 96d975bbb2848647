package dev.recsys.drift.quality.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityProfileTest {

    @Test
    void profilesNumbersCategoriesAndNulls() {
        Map<String, List<?>> columns = new HashMap<>();
        columns.put("score", Arrays.asList(3.0, null, 1.0, 2.0, 10.0));
        columns.put("segment", Arrays.asList("light", "heavy", null, "light", "cold"));
        columns.put("flag", List.of(true, false, true, true, true));
        columns.put("nothing", Arrays.asList(null, null, null, null, null));

        QualityProfile profile = QualityProfile.build(columns);

        assertEquals(List.of("flag", "nothing", "score", "segment"), List.copyOf(profile.features().keySet()));
        FeatureProfile score = profile.features().get("score");
        assertTrue(score.numerical());
        assertEquals(0.2, score.missingShare());
        assertEquals(1.0, score.min());
        assertEquals(10.0, score.max());
        // numpy.quantile([1, 2, 3, 10], [0.25, 0.75]) → [1.75, 4.75]
        assertEquals(1.75, score.quantile(0.25), 1e-12);
        assertEquals(4.75, score.quantile(0.75), 1e-12);
        FeatureProfile segment = profile.features().get("segment");
        assertTrue(segment.categorical());
        assertEquals(Set.of("light", "heavy", "cold"), segment.categories());
        assertEquals(0.2, segment.missingShare());
        assertEquals(Set.of("true", "false"), profile.features().get("flag").categories());
        assertNull(profile.features().get("nothing").type());
        assertEquals(List.of("score"), profile.numericalFeatures());
        assertEquals(1.0, profile.correlations().orElseThrow().pearson()[0][0]);
    }

    @Test
    void readsAReferenceDocumentWithNullsAndRejectsOtherShapes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        QualityProfile profile = QualityProfile.fromDocument(json.readTree(
                "{\"model\":\"m\",\"features\":{\"a\":[1,null,3],\"b\":[\"x\",\"y\",null],\"c\":[true,false,true]}}"));

        assertEquals(1.0 / 3, profile.features().get("a").missingShare());
        assertEquals(3.0, profile.features().get("a").max());
        assertEquals(Set.of("x", "y"), profile.features().get("b").categories());
        assertEquals(Set.of("true", "false"), profile.features().get("c").categories());
        assertThrows(IllegalArgumentException.class, () -> QualityProfile.fromDocument(json.readTree("{\"features\":[]}")));
        assertThrows(IllegalArgumentException.class,
                () -> QualityProfile.fromDocument(json.readTree("{\"features\":{\"a\":1}}")));
    }

    @Test
    void columnsOfDifferentLengthGetNoReferenceCorrelation() {
        QualityProfile profile = QualityProfile.build(Map.of("a", List.of(1, 2, 3), "b", List.of(1, 2)));

        assertTrue(profile.correlations().isEmpty());
    }
}
