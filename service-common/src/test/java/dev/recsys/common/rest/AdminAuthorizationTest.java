package dev.recsys.common.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one admin rule of the three services (docs/operations.md, "Admin endpoints"). */
class AdminAuthorizationTest {

    private final AdminAuthorization admin = new AdminAuthorization(Optional.of("s3cret-token"));

    @ParameterizedTest
    @ValueSource(strings = {"Bearer s3cret-token", "bearer s3cret-token", "BEARER s3cret-token", "Bearer   s3cret-token ",
        " Bearer s3cret-token"})
    void acceptsTheTokenWithTheSchemeInAnyCase(String header) {
        assertDoesNotThrow(() -> admin.require(header));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "Bearer", "Bearer ", "Basic czNjcmV0LXRva2Vu", "s3cret-token", "Bearers3cret-token",
        "Token s3cret-token"})
    void missingCredentialsOrAnotherSchemeAre401WithABearerChallenge(String header) {
        ProblemException e = assertThrows(ProblemException.class, () -> admin.require(header));
        assertEquals(401, e.status());
        assertEquals(Map.of("WWW-Authenticate", "Bearer realm=\"admin\""), e.headers());
        assertEquals("Authorization", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer s3cret-token2", "Bearer s3cret-toke", "Bearer S3CRET-TOKEN"})
    void aWrongTokenIs403(String header) {
        ProblemException e = assertThrows(ProblemException.class, () -> admin.require(header));
        assertEquals(403, e.status());
        assertEquals(Map.of(), e.headers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void withoutAConfiguredTokenEveryBearerIs403(String configured) {
        for (AdminAuthorization disabled : new AdminAuthorization[] {new AdminAuthorization(Optional.empty()),
            new AdminAuthorization(Optional.of(configured))}) {
            assertEquals(403, assertThrows(ProblemException.class, () -> disabled.require("Bearer anything")).status());
            assertEquals(401, assertThrows(ProblemException.class, () -> disabled.require(null)).status());
        }
    }
}
