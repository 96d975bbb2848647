package dev.recsys.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParamsTest {

    enum Method { KS, PSI }

    @Test
    void integersInRangeWithDefault() {
        assertEquals(10, RequestParams.intInRange("k", null, 10, 1, 100));
        assertEquals(10, RequestParams.intInRange("k", " ", 10, 1, 100));
        assertEquals(42, RequestParams.intInRange("k", " 42 ", 10, 1, 100));
        assertEquals(7L, RequestParams.longInRange("limit", "7", 1, 1, 10));
        assertNull(RequestParams.optionalLong("from", null, 0, 5));
        assertEquals(1_700_000_000_000L, RequestParams.epochMillis("from", "1700000000000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "1e3", "abc", "99999999999999999999999", "9223372036854775808", "1.5", "NaN",
        "Infinity", "4\u00002", "0x10"})
    void badIntegersAre400NamingTheField(String raw) {
        ProblemException e = assertThrows(ProblemException.class, () -> RequestParams.intInRange("k", raw, 10, 1, 100));
        assertEquals(400, e.status());
        assertEquals("k", e.field());
        assertTrue(e.detail().startsWith("k: must be an integer in 1..100"), e.detail());
        assertTrue(e.detail().chars().noneMatch(Character::isISOControl), "no control character is echoed");
    }

    @Test
    void intRangeNeverWrapsAround() {
        assertThrows(ProblemException.class, () -> RequestParams.intInRange("id", "4294967297", 0, 1, Integer.MAX_VALUE));
        assertThrows(ProblemException.class, () -> RequestParams.epochMillis("to", "253402300800000"));
        assertEquals(400, assertThrows(ProblemException.class, () -> RequestParams.positiveInt("movieId", null)).status());
    }

    @Test
    void booleansAndEnums() {
        assertTrue(RequestParams.bool("excludeSeen", "TRUE", false));
        assertEquals(false, RequestParams.bool("excludeSeen", "false", true));
        assertEquals("excludeSeen", assertThrows(ProblemException.class,
                () -> RequestParams.bool("excludeSeen", "yes", true)).field());
        assertEquals(Method.PSI, RequestParams.enumValue("method", "psi", Method.class, Method.KS));
        assertEquals(Method.KS, RequestParams.enumValue("method", null, Method.class, Method.KS));
        ProblemException e = assertThrows(ProblemException.class, () -> RequestParams.enumValue("method", "x", Method.class, null));
        assertEquals("method: must be one of ks, psi, got 'x'", e.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u001fb", "tab\there", "a\u007fb", "a\u0085b", "a\ud800b", "\udc00"})
    void textWithControlCharactersOrBrokenUnicodeIs400(String raw) {
        ProblemException e = assertThrows(ProblemException.class, () -> RequestParams.text("q", raw, 1, 200));
        assertEquals("q", e.field());
    }

    @Test
    void textKeepsUnicodeAndChecksLength() {
        assertEquals("Amélie 🎬 東京", RequestParams.text("q", " Amélie 🎬 東京 ", 1, 200));
        assertEquals(400, assertThrows(ProblemException.class, () -> RequestParams.text("q", "", 1, 200)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> RequestParams.text("q", "x".repeat(201), 1, 200)).status());
    }

    @Test
    void modelNamesAndFiniteNumbers() {
        assertEquals("movie-recs", RequestParams.modelName("model", "movie-recs"));
        assertEquals("model", assertThrows(ProblemException.class, () -> RequestParams.modelName("model", "a/b")).field());
        assertEquals(2.5, RequestParams.finite("rating", 2.5, 0.5, 5));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1e308, 1e308}) {
            assertEquals("rating", assertThrows(ProblemException.class, () -> RequestParams.finite("rating", bad, 0.5, 5)).field());
        }
    }
}
