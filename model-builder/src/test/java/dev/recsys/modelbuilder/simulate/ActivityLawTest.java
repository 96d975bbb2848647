package dev.recsys.modelbuilder.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivityLawTest {

    private static final int[] COUNTS = {20, 40, 100, 400, 1_000, 0, 60};
    private static final int DRAWS = 400_000;

    @Test
    void empiricalRequestSharesMatchTheLaw() {
        for (double exponent : new double[] {1, 0, -1}) {
            ActivityLaw law = new ActivityLaw(COUNTS, exponent, 0.05);
            long[] hits = new long[COUNTS.length + 1];
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < DRAWS; i++) {
                int u = law.draw(random);
                hits[u == ActivityLaw.COLD ? COUNTS.length : u]++;
            }
            double expectedTotal = 0;
            for (int c : COUNTS) {
                expectedTotal += Math.pow(Math.max(1, c), exponent);
            }
            for (int u = 0; u < COUNTS.length; u++) {
                double p = 0.95 * Math.pow(Math.max(1, COUNTS[u]), exponent) / expectedTotal;
                assertEquals(p, law.share(u), 1e-12);
                double sd = Math.sqrt(p * (1 - p) / DRAWS);
                assertEquals(p, hits[u] / (double) DRAWS, 5 * sd + 1e-9, "user " + u + " at exponent " + exponent);
            }
            assertEquals(0.05, hits[COUNTS.length] / (double) DRAWS, 5 * Math.sqrt(0.05 * 0.95 / DRAWS), "cold share");
        }
    }

    @Test
    void sameSeedSameUsers() {
        ActivityLaw law = new ActivityLaw(COUNTS, 1, 0.05);
        int[] first = new int[1_000];
        int[] second = new int[1_000];
        SplittableRandom r1 = new SplittableRandom(9);
        SplittableRandom r2 = new SplittableRandom(9);
        for (int i = 0; i < first.length; i++) {
            first[i] = law.draw(r1);
            second[i] = law.with(1, 0.05).draw(r2);
        }
        assertArrayEquals(first, second);
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ActivityLaw(COUNTS, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new ActivityLaw(COUNTS, Double.NaN, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new ActivityLaw(new int[0], 1, 0.05));
    }
}
