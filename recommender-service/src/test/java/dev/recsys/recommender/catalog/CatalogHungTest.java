package dev.recsys.recommender.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.recsys.recommender.support.HungServerResource;
import dev.recsys.recommender.support.ModelRepositoryResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The catalog database hangs (accepts, never answers): lookups give up after 5 s with 503, recommendations go on. */
@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
@TestProfile(CatalogHungTest.Hung.class)
class CatalogHungTest {

    public static class Hung implements QuarkusTestProfile {
        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(HungServerResource.class));
        }
    }

    @Test
    void movieLookupAnswers503WithRetryAfterAndRecommendationsGoOn() {
        given().get("/api/v1/movies/1").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5");
        given().get("/api/v1/users/3/recommendations?k=4").then().statusCode(200).body("items.size()", equalTo(4));
        given().get("http://localhost:19080/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog' }.data.postgresql", equalTo("degraded"));
    }
}
