package dev.recsys.recommender.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;

/** Request helpers shared by the tests. */
public final class Requests {

    private Requests() {
    }

    public static JsonPath get(String path) {
        return given().get(path).then().statusCode(200).extract().jsonPath();
    }

    /**
     * Repeats a recommendation request until it is answered from the cache: lists are written to the cache
     * without holding up the response, so the very next request may still miss. Fails after 2 s.
     */
    public static JsonPath awaitCached(String path) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            JsonPath body = get(path);
            if (body.getBoolean("cached")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never answered from the cache: " + path);
    }
}
