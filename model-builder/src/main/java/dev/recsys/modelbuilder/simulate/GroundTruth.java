package dev.recsys.modelbuilder.simulate;

import dev.recsys.modelbuilder.data.Dataset;
import dev.recsys.modelbuilder.data.SyntheticWorld;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** How simulated people like movies: which served movies appeal to them and how they rate them. */
public interface GroundTruth {

    /** A person behind a user id: a user of the data, or a new one. */
    interface Person {
        /** Relative chance of picking this movie among others (any positive scale). */
        double appeal(int movieId);

        /** A rating in 0.5..5 in half stars. */
        float rate(int movieId, SplittableRandom random);
    }

    /** The person behind a user id of the data. */
    Person known(int userId);

    /** A new person, unknown to the data and the model. */
    Person newcomer(SplittableRandom random);

    String describe();

    /**
     * The generator's truth: users' and movies' hidden tastes. A user picks a served movie with the
     * generator's choice law and rates it with its rating formula plus fresh noise.
     */
    static GroundTruth synthetic(SyntheticWorld world) {
        return new GroundTruth() {
            @Override
            public Person known(int userId) {
                if (userId < 1 || userId > world.users()) {
                    throw new IllegalArgumentException("user " + userId + " is not in the synthetic data");
                }
                return person(world.user(userId - 1));
            }

            @Override
            public Person newcomer(SplittableRandom random) {
                return person(SyntheticWorld.newUser(random));
            }

            private Person person(SyntheticWorld.UserTaste taste) {
                return new Person() {
                    @Override
                    public double appeal(int movieId) {
                        int m = world.movieIndex(movieId);
                        return m < 0 ? 0 : world.choiceWeight(taste, m);
                    }

                    @Override
                    public float rate(int movieId, SplittableRandom random) {
                        return world.rate(taste, world.movieIndex(movieId), random);
                    }
                };
            }

            @Override
            public String describe() {
                return "synthetic ground truth of " + world.spec();
            }
        };
    }

    /**
     * Real ratings have no truth for unrated movies: a known user rates a served movie with one of their own
     * real ratings drawn at random, a new user with a rating drawn from all ratings; every served movie appeals
     * equally.
     */
    static GroundTruth resampled(Dataset data) {
        Map<Integer, float[]> byUser = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int u : data.userIds()) {
            counts.merge(u, 1, Integer::sum);
        }
        Map<Integer, Integer> fill = new HashMap<>();
        for (int i = 0; i < data.ratingCount(); i++) {
            int u = data.userIds()[i];
            float[] r = byUser.computeIfAbsent(u, x -> new float[counts.get(x)]);
            r[fill.merge(u, 1, Integer::sum) - 1] = data.ratings()[i];
        }
        float[] all = data.ratings();
        return new GroundTruth() {
            @Override
            public Person known(int userId) {
                float[] own = byUser.get(userId);
                return own == null ? pick(all) : pick(own);
            }

            @Override
            public Person newcomer(SplittableRandom random) {
                return pick(all);
            }

            private Person pick(float[] ratings) {
                return new Person() {
                    @Override
                    public double appeal(int movieId) {
                        return 1;
                    }

                    @Override
                    public float rate(int movieId, SplittableRandom random) {
                        return ratings[random.nextInt(ratings.length)];
                    }
                };
            }

            @Override
            public String describe() {
                return "real ratings resampled per user from " + data.source();
            }
        };
    }
}
