package dev.recsys.drift.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** NumPy's histogram_bin_edges(bins="sturges") and histogram() semantics. */
class HistogramTest {

    @Test
    void sturgesWidthIsRangeOverLog2NPlusOne() {
        // 8 values over [0, 5]: width 5 / (3 + 1) = 1.25 -> 4 bins
        assertArrayEquals(new double[] {0, 1.25, 2.5, 3.75, 5}, Histogram.sturgesEdges(0, 5, 8, false));
    }

    @Test
    void integerDataHasWidthAtLeastOne() {
        // np.histogram_bin_edges(np.array([0, 1, 2] * 50), bins="sturges") -> [0, 1, 2]
        assertArrayEquals(new double[] {0, 1, 2}, Histogram.sturgesEdges(0, 2, 150, true));
        assertEquals(10, Histogram.sturgesEdges(0, 2, 150, false).length, "floats keep the Sturges count");
    }

    @Test
    void zeroRangeBecomesOneBinAroundTheValue() {
        assertArrayEquals(new double[] {2.5, 3.5}, Histogram.sturgesEdges(3, 3, 3, true));
    }

    @Test
    void binsAreHalfOpenExceptTheLast() {
        double[] edges = {0, 1, 2, 3};
        assertArrayEquals(new long[] {1, 2, 2}, Histogram.counts(new double[] {0, 1, 1.5, 2, 3}, edges));
        assertArrayEquals(new long[] {0, 0, 0}, Histogram.counts(new double[] {-0.1, 3.1}, edges));
    }
}
