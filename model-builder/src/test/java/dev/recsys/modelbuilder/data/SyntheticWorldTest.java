package dev.recsys.modelbuilder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticWorldTest {

    @Test
    void theDefaultDataIsUnchangedByTheWorldRefactoring() {
        // the hash docs/model-builder.md shows for `make model` (default scale, seed 42)
        Dataset d = SyntheticDataGenerator.generate(SyntheticSpec.scale("default", 42));
        assertTrue(d.sha256().startsWith("d74a6247"), d.sha256());
    }

    @Test
    void truthRatesTheGeneratedPairsAsTheGeneratorDid() {
        SyntheticSpec spec = new SyntheticSpec(300, 400, 15_000, 7);
        Dataset data = SyntheticDataGenerator.generate(spec);
        SyntheticWorld world = SyntheticDataGenerator.world(spec);
        SplittableRandom random = new SplittableRandom(1);
        int n = data.ratingCount();
        double sumData = 0;
        double sumTruth = 0;
        double sqData = 0;
        double sqTruth = 0;
        double sqDiff = 0;
        int[] histData = new int[11];
        int[] histTruth = new int[11];
        for (int i = 0; i < n; i++) {
            float generated = data.ratings()[i];
            float truth = world.rate(world.user(data.userIds()[i] - 1), world.movieIndex(data.ratingMovieIds()[i]), random);
            sumData += generated;
            sumTruth += truth;
            sqData += generated * generated;
            sqTruth += truth * truth;
            sqDiff += (generated - truth) * (generated - truth);
            histData[(int) (generated * 2)]++;
            histTruth[(int) (truth * 2)]++;
        }
        double meanData = sumData / n;
        double meanTruth = sumTruth / n;
        assertEquals(meanData, meanTruth, 0.03, "mean rating");
        assertEquals(Math.sqrt(sqData / n - meanData * meanData), Math.sqrt(sqTruth / n - meanTruth * meanTruth), 0.03,
                "sd of the ratings");
        for (int h = 1; h <= 10; h++) {
            assertEquals(histData[h] / (double) n, histTruth[h] / (double) n, 0.015, "share of " + h / 2.0 + " stars");
        }
        // same user and movie, independent noise (sd 0.5 each, plus half-star rounding): the pairs differ by
        // about 0.75 RMS; a wrong user or movie mapping would add the spread of the tastes (> 1)
        double rmsDiff = Math.sqrt(sqDiff / n);
        assertTrue(rmsDiff > 0.6 && rmsDiff < 0.85, "RMS difference " + rmsDiff);
    }

    @Test
    void theWorldCountsAreTheDataCountsAndItsSourceLabelParses() {
        SyntheticSpec spec = new SyntheticSpec(300, 400, 15_000, 7);
        Dataset data = SyntheticDataGenerator.generate(spec);
        SyntheticWorld world = SyntheticDataGenerator.world(spec);
        int[] counts = new int[300];
        for (int u : data.userIds()) {
            counts[u - 1]++;
        }
        assertEquals(java.util.Arrays.toString(counts), java.util.Arrays.toString(world.ratingCounts()));
        assertEquals(spec, SyntheticWorld.parseSource(data.source()));
        assertNull(SyntheticWorld.parseSource("/data/ml-latest-small"));
    }

    @Test
    void usersPickWhatAppealsToThem() {
        SyntheticSpec spec = new SyntheticSpec(300, 400, 15_000, 7);
        Dataset data = SyntheticDataGenerator.generate(spec);
        SyntheticWorld world = SyntheticDataGenerator.world(spec);
        // the movies each user rated have a higher mean choice weight than the catalog average for that user
        int higher = 0;
        for (int u = 0; u < 300; u++) {
            double all = 0;
            for (int m = 0; m < 400; m++) {
                all += world.choiceWeight(world.user(u), m);
            }
            double rated = 0;
            int count = 0;
            for (int i = 0; i < data.ratingCount(); i++) {
                if (data.userIds()[i] == u + 1) {
                    rated += world.choiceWeight(world.user(u), data.ratingMovieIds()[i] - 1);
                    count++;
                }
            }
            if (rated / count > all / 400) {
                higher++;
            }
        }
        assertTrue(higher > 280, higher + " of 300 users rated movies that appeal to them more than average");
    }
}
