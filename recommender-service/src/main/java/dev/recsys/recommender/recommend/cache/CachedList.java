package dev.recsys.recommender.recommend.cache;

/**
 * A served list as the cache keeps it: item indices of the model version named in the cache key, and
 * their scores. Titles and genres come from the model, so the cached value stays small.
 */
public record CachedList(boolean coldStart, int[] items, float[] scores) {

    /** {@code c|i:s,i:s…}, c being 1 for a cold-start list. */
    public String encode() {
        StringBuilder out = new StringBuilder(items.length * 12 + 2);
        out.append(coldStart ? '1' : '0').append('|');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(items[i]).append(':').append(scores[i]);
        }
        return out.toString();
    }

    /** Parses {@link #encode()}; null when the value is not in that form. */
    public static CachedList decode(String value) {
        if (value == null || value.length() < 2 || value.charAt(1) != '|') {
            return null;
        }
        try {
            String body = value.substring(2);
            String[] entries = body.isEmpty() ? new String[0] : body.split(",");
            int[] items = new int[entries.length];
            float[] scores = new float[entries.length];
            for (int i = 0; i < entries.length; i++) {
                int colon = entries[i].indexOf(':');
                items[i] = Integer.parseInt(entries[i], 0, colon, 10);
                scores[i] = Float.parseFloat(entries[i].substring(colon + 1));
            }
            return new CachedList(value.charAt(0) == '1', items, scores);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
