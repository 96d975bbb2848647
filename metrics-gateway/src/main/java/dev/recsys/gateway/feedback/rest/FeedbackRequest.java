package dev.recsys.gateway.feedback.rest;

import java.util.Set;

import dev.recsys.common.rest.ProblemException;
import dev.recsys.common.rest.RequestParams;

/** Body of POST /api/v1/feedback. */
public record FeedbackRequest(String requestId, Long userId, Long movieId, Double rating, String event) {

    public static final Set<String> EVENTS = Set.of("rated", "clicked", "ignored");

    /** @throws ProblemException 400 naming the first bad field */
    public void validate() {
        if (requestId == null || requestId.isBlank()) {
            throw ProblemException.badRequest("requestId", "required");
        }
        if (requestId.length() > 128) {
            throw ProblemException.badRequest("requestId", "at most 128 characters");
        }
        RequestParams.noControl("requestId", requestId);
        requirePositive("userId", userId);
        requirePositive("movieId", movieId);
        if (event == null) {
            throw ProblemException.badRequest("event", "required (rated, clicked or ignored)");
        }
        if (!EVENTS.contains(event)) {
            throw ProblemException.badRequest("event", "must be rated, clicked or ignored");
        }
        if ("rated".equals(event)) {
            if (rating == null) {
                throw ProblemException.badRequest("rating", "required when event is rated");
            }
            double doubled = rating * 2;
            if (rating < 0.5 || rating > 5.0 || doubled != Math.rint(doubled)) {
                throw ProblemException.badRequest("rating", "must be 0.5 to 5.0 in steps of 0.5");
            }
        } else if (rating != null) {
            throw ProblemException.badRequest("rating", "only allowed when event is rated");
        }
    }

    private static void requirePositive(String field, Long value) {
        if (value == null) {
            throw ProblemException.badRequest(field, "required");
        }
        if (value <= 0) {
            throw ProblemException.badRequest(field, "must be a positive integer");
        }
    }
}
