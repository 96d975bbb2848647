package dev.recsys.drift.quality.report;

import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorrelationHeatmapSvgTest {

    @Test
    void rendersWellFormedSvgWithOneCellPerPairAndEscapedLabels() throws Exception {
        List<String> features = List.of("a<b", "c&d");
        List<List<Double>> reference = List.of(List.of(1.0, 0.8), List.of(0.8, 1.0));
        List<List<Double>> window = List.of(List.of(1.0, -0.7), List.of(-0.7, 1.0));
        List<List<Double>> change = List.of(List.of(0.0, -1.5), Arrays.asList(-1.5, null));

        String svg = CorrelationHeatmapSvg.render("Pearson change", features, reference, window, change);

        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", document.getDocumentElement().getNodeName());
        assertEquals(4, document.getElementsByTagName("rect").getLength());
        assertTrue(svg.contains("a&lt;b"));
        assertTrue(svg.contains("c&amp;d"));
        assertTrue(svg.contains(">-1.50<"));
        assertTrue(svg.contains(">n/a<"));
        assertTrue(svg.contains("reference 0.800, window -0.700, change -1.500"));
    }

    @Test
    void coloursRunFromBlueThroughWhiteToRed() {
        assertEquals("#ffffff", CorrelationHeatmapSvg.colour(0.0));
        assertEquals("#b2182b", CorrelationHeatmapSvg.colour(1.0));
        assertEquals("#b2182b", CorrelationHeatmapSvg.colour(1.7));
        assertEquals("#2166ac", CorrelationHeatmapSvg.colour(-1.0));
        assertEquals("#d9d9d9", CorrelationHeatmapSvg.colour(null));
    }
}
