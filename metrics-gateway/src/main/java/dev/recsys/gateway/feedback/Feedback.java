package dev.recsys.gateway.feedback;

/** A stored piece of feedback on one item of one served list; receivedAt in epoch ms. */
public record Feedback(long id, String requestId, long userId, long movieId, String event, Double rating,
        long receivedAt) {
}
