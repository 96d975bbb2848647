package dev.recsys.drift.quality.report;

import dev.recsys.drift.quality.QualityFixtures;
import dev.recsys.drift.quality.check.DataQualityChecker;
import dev.recsys.drift.quality.check.DataQualityResult;
import dev.recsys.drift.quality.check.QualityThresholds;
import dev.recsys.drift.quality.event.QualityWindow;
import dev.recsys.drift.quality.profile.QualityProfile;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.recsys.drift.quality.QualityFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataQualityReportSectionTest {

    @Test
    void showsViolationsNewCategoriesAndBothHeatmapsAsWellFormedMarkup() throws Exception {
        Map<String, List<Object>> reference = QualityFixtures.reference(1000, 2);
        DataQualityResult result = new DataQualityChecker(QualityThresholds.defaults()).check("movie-recs",
                QualityProfile.build(reference), QualityWindow.builder()
                        .addAll(QualityFixtures.window(reference, 400, 3, (i, features) -> {
                            if (i % 4 == 0) {
                                features.put("rec_top_genre", "<Noir>");
                            }
                        })).addJson("{oops").build(NOW - 60_000, NOW), null, NOW);

        String html = DataQualityReportSection.render(result);

        // well-formed as XML inside one root, so the inline SVG renders in any browser
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(("<div>" + html.replace("&nbsp;", " ") + "</div>")
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(html.contains("Violated: new_category, schema"));
        assertTrue(html.contains("&lt;Noir&gt; (100)"));
        assertTrue(html.contains("unparsable 1"));
        assertEquals(2, html.split("<svg ", -1).length - 1, "Pearson and Spearman heat maps");
    }

    @Test
    void saysWhyThereIsNoResult() {
        assertTrue(DataQualityReportSection.render(null).contains("No data-quality result"));
    }
}
