package dev.recsys.drift.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortingTest {

    @Test
    void radixSortMatchesTheJdkOnMixedSignsMagnitudesAndTies() {
        assertSortsLikeTheJdk(50_000);
    }

    @Test
    void largeArraysSortedAsTwoMergedHalvesMatchTheJdk() {
        assertSortsLikeTheJdk(300_001);
    }

    private static void assertSortsLikeTheJdk(int n) {
        Random random = new Random(7);
        double[] values = new double[n];
        for (int i = 0; i < values.length; i++) {
            double magnitude = Math.pow(10, random.nextInt(600) - 300);
            values[i] = switch (i % 5) {
                case 0 -> random.nextGaussian() * magnitude;
                case 1 -> Math.rint(random.nextGaussian() * 3);
                case 2 -> -0.0;
                case 3 -> Double.MIN_VALUE * (random.nextBoolean() ? 1 : -1);
                default -> random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE;
            };
        }
        double[] expected = values.clone();
        Arrays.sort(expected);
        double[] copy = Sorting.sortedCopy(values);
        assertArrayEquals(expected, copy);
        Sorting.sort(values);
        assertArrayEquals(expected, values);
    }

    @Test
    void distinctCountsTreatNegativeZeroAsZero() {
        assertEquals(3, Sorting.distinctSorted(new double[] {-1, -0.0, 0.0, 2, 2}));
        assertEquals(4, Sorting.distinctSortedUnion(new double[] {-0.0, 1}, new double[] {0.0, 2, 3}));
    }
}
