package dev.recsys.recommender.common.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;

import dev.recsys.recommender.config.RecommenderConfig;

/** Checks {@code Authorization: Bearer <token>} of admin endpoints in constant time. */
@ApplicationScoped
public class AdminAuthorization {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    public AdminAuthorization(RecommenderConfig config) {
        this.token = config.adminToken().filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** Throws 401 when no bearer token was sent, 403 when it is wrong (or none is configured). */
    public void require(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ProblemException(Status.UNAUTHORIZED, "Authorization header with a Bearer admin token is required");
        }
        byte[] presented = authorizationHeader.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (token == null || !MessageDigest.isEqual(token, presented)) {
            throw new ProblemException(Status.FORBIDDEN, "the admin token is not valid");
        }
    }
}
