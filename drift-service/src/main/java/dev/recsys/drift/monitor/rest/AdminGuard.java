package dev.recsys.drift.monitor.rest;

import dev.recsys.drift.monitor.config.MonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Admin check of the monitoring endpoints: {@code Authorization: Bearer <drift.admin-token>}
 * (env ADMIN_TOKEN), compared in constant time. Missing → 401; wrong, or no token configured → 403.
 */
@ApplicationScoped
public class AdminGuard {

    private static final String BEARER = "Bearer ";

    private final MonitorConfig config;

    public AdminGuard(MonitorConfig config) {
        this.config = config;
    }

    public void check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new MonitorProblem(Response.Status.UNAUTHORIZED, "Authorization: admin bearer token required");
        }
        String expected = config.adminToken().orElse("");
        String given = authorization.startsWith(BEARER) ? authorization.substring(BEARER.length()).trim() : "";
        boolean matches = MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
        if (expected.isEmpty() || !matches) {
            throw new MonitorProblem(Response.Status.FORBIDDEN, "Authorization: admin token is not valid");
        }
    }
}
