package dev.recsys.modelbuilder.simulate;

import dev.recsys.modelrepository.UserTable;
import dev.recsys.modelrepository.features.PredictionFeatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The reference profile as serving will see it: {@code samples} requests drawn by the {@link ActivityLaw}
 * (the simulator's steady mix, cold-start share included), each described by {@link PredictionFeatures} of the
 * list the recommender serves that user ({@link ServedLists}). Same seed, same samples.
 */
public final class ServingReference {

    public static final int DEFAULT_SAMPLES = 10_000;

    private ServingReference() {
    }

    /** Feature maps of the sampled requests, in draw order. */
    public static List<Map<String, Object>> events(ServedLists lists, UserTable users, PredictionFeatures features,
                                                   ActivityLaw law, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("reference samples must be at least 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] drawn = new int[samples];
        for (int i = 0; i < samples; i++) {
            drawn[i] = law.draw(random);
        }
        // one list per distinct user: a user's list (and so its features) is the same on every request
        int[] distinct = IntStream.of(drawn).distinct().toArray();
        List<Map<String, Object>> computed = IntStream.range(0, distinct.length).parallel()
                .mapToObj(j -> features(lists, users, features, distinct[j])).toList();
        Map<Integer, Map<String, Object>> byUser = new HashMap<>(distinct.length * 2);
        for (int j = 0; j < distinct.length; j++) {
            byUser.put(distinct[j], computed.get(j));
        }
        List<Map<String, Object>> events = new ArrayList<>(samples);
        for (int user : drawn) {
            events.add(byUser.get(user));
        }
        return events;
    }

    /** The features of the list served to user index {@code user} ({@link ActivityLaw#COLD} for a new user). */
    public static Map<String, Object> features(ServedLists lists, UserTable users, PredictionFeatures features,
                                               int user) {
        ServedLists.ServedList list = lists.of(user);
        return features.compute(users, user, list.items(), list.scores(), list.items().length);
    }
}
