package dev.recsys.recommender.recommend.experiment;

import java.nio.charset.StandardCharsets;

/** Stable A/B assignment: a user's variant depends only on the experiment name and the user id. */
public final class ExperimentAssigner {

    public static final String CONTROL = "control";
    public static final String TREATMENT = "treatment";

    private ExperimentAssigner() {
    }

    public static String variant(String experiment, int userId, double treatmentShare) {
        return bucket(experiment, userId) < treatmentShare ? TREATMENT : CONTROL;
    }

    /** A uniform number in [0, 1) from a 64-bit FNV-1a hash of "experiment:userId", finished with a SplitMix64 mix. */
    static double bucket(String experiment, int userId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (experiment + ":" + userId).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
