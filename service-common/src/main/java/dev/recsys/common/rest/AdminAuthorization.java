package dev.recsys.common.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin check of every service: {@code Authorization: Bearer <token>}, the token from {@code recsys.admin-token}
 * (environment {@code ADMIN_TOKEN}, no default outside dev and test).
 * <ul>
 * <li>no header, an empty one, another scheme (e.g. {@code Basic}) or no credentials → 401 with
 * {@code WWW-Authenticate: Bearer realm="admin"} (RFC 7235 §3.1: the client must authenticate with the scheme the
 * challenge names);</li>
 * <li>a bearer token that is not the configured one, or no token configured at all → 403 (docs/architecture.md §4: 401 for a missing
 * token, 403 for a wrong one).</li>
 * </ul>
 * The scheme name is case-insensitive ({@code bearer}, {@code BEARER}; RFC 7235 §2.1); the token is compared in
 * constant time, over SHA-256 digests so that not even its length leaks.
 */
@ApplicationScoped
public class AdminAuthorization {

    static final String CHALLENGE = "Bearer realm=\"admin\"";
    private static final String SCHEME = "Bearer";

    private final byte[] tokenDigest;

    public AdminAuthorization(@ConfigProperty(name = "recsys.admin-token") Optional<String> token) {
        this.tokenDigest = token.map(String::trim).filter(t -> !t.isEmpty()).map(AdminAuthorization::sha256).orElse(null);
    }

    /**
     * @param authorizationHeader the raw {@code Authorization} header, or null
     * @throws ProblemException 401 or 403 as above
     */
    public void require(String authorizationHeader) {
        String credentials = bearerCredentials(authorizationHeader);
        if (credentials == null) {
            throw new ProblemException(401, "Authorization: an admin bearer token is required (Authorization: Bearer <token>)",
                    "Authorization", Map.of("WWW-Authenticate", CHALLENGE));
        }
        if (tokenDigest == null || !MessageDigest.isEqual(tokenDigest, sha256(credentials))) {
            throw new ProblemException(403, "Authorization: the admin token is not valid", "Authorization", Map.of());
        }
    }

    /** The credentials of a {@code Bearer} header (scheme in any case), or null when there are none. */
    static String bearerCredentials(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || value.charAt(SCHEME.length()) != ' ') {
            return null;
        }
        String credentials = value.substring(SCHEME.length()).trim();
        return credentials.isEmpty() ? null : credentials;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
