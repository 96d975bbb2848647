package dev.recsys.drift.compare;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(CompareBodyLimitTest.SmallBodyLimit.class)
class CompareBodyLimitTest {

    /** A 2 KiB body limit instead of the production 50M. */
    public static class SmallBodyLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-body-size", "2K");
        }
    }

    @TestHTTPResource("/api/v1/drift/compare")
    URI compareUri;

    private static final String SMALL = "{\"reference\": {\"x\": [1,2,3]}, \"current\": {\"x\": [1,2,4]}}";

    @Test
    void acceptsBodiesUnderTheLimit() {
        given().contentType(ContentType.JSON).body(SMALL).post("/api/v1/drift/compare").then().statusCode(200);
    }

    @Test
    void rejectsBodyOverTheLimitAs413Problem() {
        given().contentType(ContentType.JSON).body(largeBody())
                .post("/api/v1/drift/compare").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", containsString("2048 bytes"));
    }

    @Test
    void rejectsChunkedBodyOverTheLimitAs413Problem() throws Exception {
        // a body of unknown length goes out chunked, without Content-Length: the limit applies while it is read
        byte[] body = largeBody().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(compareUri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("body", JsonPath.from(response.body()).getString("field"));
        assertTrue(JsonPath.from(response.body()).getString("detail").contains("2048 bytes"), response.body());
    }

    private static String largeBody() {
        StringBuilder values = new StringBuilder("1.0");
        while (values.length() < 4096) {
            values.append(",1.0");
        }
        return "{\"reference\": {\"x\": [" + values + "]}, \"current\": {\"x\": [" + values + "]}}";
    }
}
