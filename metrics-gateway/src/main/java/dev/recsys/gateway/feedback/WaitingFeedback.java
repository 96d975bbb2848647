package dev.recsys.gateway.feedback;

/**
 * Feedback kept until its served list is stored (answered 202): it becomes a feedback row then, or is
 * deleted at waitsUntil; receivedAt and waitsUntil in epoch ms.
 */
public record WaitingFeedback(String requestId, long userId, long movieId, String event, Double rating,
        long receivedAt, long waitsUntil) {
}
