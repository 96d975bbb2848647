package dev.recsys.modelbuilder.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.modelbuilder.data.Dataset;
import dev.recsys.modelbuilder.data.SyntheticDataGenerator;
import dev.recsys.modelbuilder.data.SyntheticSpec;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

    @Test
    void onRealDataAUserRatesWithTheirOwnRatingsAndANewcomerWithAnyone() {
        Dataset data = SyntheticDataGenerator.generate(new SyntheticSpec(50, 80, 1_500, 3));
        GroundTruth truth = GroundTruth.resampled(data);
        Set<Float> own = new HashSet<>();
        for (int i = 0; i < data.ratingCount(); i++) {
            if (data.userIds()[i] == 7) {
                own.add(data.ratings()[i]);
            }
        }
        SplittableRandom random = new SplittableRandom(1);
        GroundTruth.Person user = truth.known(7);
        Set<Float> drawn = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            drawn.add(user.rate(1 + random.nextInt(80), random));
        }
        assertEquals(own, drawn, "user 7 rates with exactly their own ratings");
        assertEquals(1.0, user.appeal(5));
        double sum = 0;
        GroundTruth.Person newcomer = truth.newcomer(random);
        for (int i = 0; i < 20_000; i++) {
            sum += newcomer.rate(1, random);
        }
        double mean = 0;
        for (float r : data.ratings()) {
            mean += r;
        }
        mean /= data.ratingCount();
        assertEquals(mean, sum / 20_000, 0.03, "a newcomer rates like the population");
    }

    @Test
    void syntheticTruthUsesTheUsersOwnTastes() {
        SyntheticSpec spec = new SyntheticSpec(50, 80, 1_500, 3);
        GroundTruth truth = GroundTruth.synthetic(SyntheticDataGenerator.world(spec));
        SplittableRandom random = new SplittableRandom(2);
        // two users disagree on some movie by more than the noise would explain
        double largest = 0;
        for (int m = 1; m <= 80; m++) {
            double a = 0;
            double b = 0;
            for (int i = 0; i < 200; i++) {
                a += truth.known(1).rate(m, random);
                b += truth.known(2).rate(m, random);
            }
            largest = Math.max(largest, Math.abs(a - b) / 200);
        }
        assertTrue(largest > 1.0, "largest mean disagreement " + largest);
    }
}
