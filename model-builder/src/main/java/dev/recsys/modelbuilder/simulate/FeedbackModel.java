package dev.recsys.modelbuilder.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a person does with a served list. The number of feedback events is Poisson with mean
 * {@code perList}; each event is {@code rated}, {@code clicked} or {@code ignored} in the proportions 3:1:1
 * (the seed-002 mix). A rated or clicked movie is picked among the served ones in proportion to its appeal to
 * the person (the generator's choice law), an ignored one in proportion to 1/appeal; a rating is the person's
 * true rating with noise ({@link GroundTruth.Person#rate}).
 */
public final class FeedbackModel {

    /** One feedback event; {@code rating} is null unless {@code event} is rated. */
    public record Feedback(int movieId, String event, Float rating) {
    }

    private final double perList;

    public FeedbackModel(double perList) {
        this.perList = perList;
    }

    public List<Feedback> react(GroundTruth.Person person, int[] movieIds, SplittableRandom random) {
        int n = poisson(perList, random);
        if (n == 0 || movieIds.length == 0) {
            return List.of();
        }
        double[] appeal = new double[movieIds.length];
        for (int i = 0; i < movieIds.length; i++) {
            appeal[i] = Math.max(1e-12, person.appeal(movieIds[i]));
        }
        List<Feedback> out = new ArrayList<>(n);
        for (int e = 0; e < n; e++) {
            int kind = random.nextInt(5);
            if (kind < 3) {
                int movie = movieIds[pick(appeal, false, random)];
                out.add(new Feedback(movie, "rated", person.rate(movie, random)));
            } else if (kind == 3) {
                out.add(new Feedback(movieIds[pick(appeal, false, random)], "clicked", null));
            } else {
                out.add(new Feedback(movieIds[pick(appeal, true, random)], "ignored", null));
            }
        }
        return out;
    }

    private static int pick(double[] appeal, boolean inverse, SplittableRandom random) {
        double sum = 0;
        for (double a : appeal) {
            sum += inverse ? 1 / a : a;
        }
        double x = random.nextDouble() * sum;
        for (int i = 0; i < appeal.length; i++) {
            x -= inverse ? 1 / appeal[i] : appeal[i];
            if (x < 0) {
                return i;
            }
        }
        return appeal.length - 1;
    }

    static int poisson(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
