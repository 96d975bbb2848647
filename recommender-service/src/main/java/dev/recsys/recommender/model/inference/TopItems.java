package dev.recsys.recommender.model.inference;

/** One user's best items (indices into the model's items) and their predicted ratings, best first. */
public record TopItems(int[] items, float[] scores) {
}
