package dev.recsys.drift.compare;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
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
    void rejectsChunkedBodyOverTheLimitAs413Problem() {
        // An InputStream body is sent chunked, without Content-Length: the limit applies while streaming.
        byte[] body = largeBody().getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).body(new ByteArrayInputStream(body))
                .post("/api/v1/drift/compare").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    private static String largeBody() {
        StringBuilder values = new StringBuilder("1.0");
        while (values.length() < 4096) {
            values.append(",1.0");
        }
        return "{\"reference\": {\"x\": [" + values + "]}, \"current\": {\"x\": [" + values + "]}}";
    }
}
