package dev.recsys.modelbuilder.simulate;

import dev.recsys.modelrepository.UserTable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Who asks for recommendations: a share {@code coldShare} of requests comes from new users the model does not
 * know; the others from the model's users, user u with probability proportional to
 * {@code max(1, ratingCount_u) ^ exponent} (training rating counts from {@code users.csv}). With the default
 * exponent 1 a user's share of requests is their share of the ratings, as in the data the model learnt from:
 * people who rate more use the service more. Exponent 0 picks users uniformly; negative exponents favour
 * light users. The traffic simulator and the reference profile of {@code reference.json} both draw from
 * this law, so the reference describes the traffic the simulator sends.
 */
public final class ActivityLaw {

    public static final double DEFAULT_EXPONENT = 1.0;
    public static final double DEFAULT_COLD_SHARE = 0.05;
    /** Drawn instead of a user index for a new, unknown user. */
    public static final int COLD = -1;

    private final double exponent;
    private final double coldShare;
    private final int[] ratingCounts;
    private final double[] cdf;

    public ActivityLaw(UserTable users, double exponent, double coldShare) {
        this(counts(users), exponent, coldShare);
    }

    public ActivityLaw(int[] ratingCounts, double exponent, double coldShare) {
        if (!(coldShare >= 0 && coldShare <= 1) || !Double.isFinite(exponent)) {
            throw new IllegalArgumentException("cold share must be in [0, 1] and the exponent finite");
        }
        if (ratingCounts.length == 0 && coldShare < 1) {
            throw new IllegalArgumentException("a model without users can only have cold-start traffic");
        }
        this.ratingCounts = ratingCounts;
        this.exponent = exponent;
        this.coldShare = coldShare;
        this.cdf = new double[ratingCounts.length];
        double sum = 0;
        for (int u = 0; u < ratingCounts.length; u++) {
            sum += Math.pow(Math.max(1, ratingCounts[u]), exponent);
            cdf[u] = sum;
        }
    }

    public static ActivityLaw standard(UserTable users) {
        return new ActivityLaw(users, DEFAULT_EXPONENT, DEFAULT_COLD_SHARE);
    }

    public double exponent() {
        return exponent;
    }

    public double coldShare() {
        return coldShare;
    }

    /** The probability that a request comes from known user index {@code user}. */
    public double share(int user) {
        double w = cdf[user] - (user == 0 ? 0 : cdf[user - 1]);
        return (1 - coldShare) * w / cdf[cdf.length - 1];
    }

    /** A user index by this law, or {@link #COLD} for a new user. */
    public int draw(SplittableRandom random) {
        if (random.nextDouble() < coldShare) {
            return COLD;
        }
        double x = random.nextDouble() * cdf[cdf.length - 1];
        int pos = Arrays.binarySearch(cdf, x);
        pos = pos >= 0 ? pos + 1 : -pos - 1;
        return Math.min(pos, cdf.length - 1);
    }

    /** The same users under another exponent and cold share (a drifted population). */
    public ActivityLaw with(double newExponent, double newColdShare) {
        return new ActivityLaw(ratingCounts, newExponent, newColdShare);
    }

    private static int[] counts(UserTable users) {
        int[] c = new int[users.size()];
        for (int u = 0; u < c.length; u++) {
            c[u] = users.ratingCount(u);
        }
        return c;
    }
}
