package dev.recsys.recommender.recommend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.recsys.recommender.support.ModelRepositoryResource;
import dev.recsys.recommender.support.TestModels;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
@TestProfile(ExperimentTest.TwoVersions.class)
class ExperimentTest {

    public static class TwoVersions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommender.model-name", TestModels.EXPERIMENT_MODEL,
                    "recommender.experiment.name", "als-v2",
                    "recommender.experiment.control-version", "1",
                    "recommender.experiment.treatment-version", "2",
                    "recommender.experiment.treatment-share", "0.5");
        }
    }

    @Test
    void eachUserStaysInOneVariantServedByItsVersion() {
        Map<Integer, String> variants = new HashMap<>();
        for (int userId = 1; userId <= 60; userId++) {
            JsonPath body = given().get("/api/v1/users/" + userId + "/recommendations?k=3").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals("als-v2", body.getString("experiment"));
            String variant = body.getString("variant");
            assertEquals(variant.equals("treatment") ? "2" : "1", body.getString("model.version"), "user " + userId);
            variants.put(userId, variant);
        }
        long treated = variants.values().stream().filter("treatment"::equals).count();
        assertTrue(treated > 10 && treated < 50, "about half of 60 users treated: " + treated);
        for (int userId = 1; userId <= 60; userId += 7) {
            given().get("/api/v1/users/" + userId + "/recommendations?k=3").then().statusCode(200)
                    .body("variant", equalTo(variants.get(userId)));
        }
    }

    @Test
    void modelAndRegistryShowBothVersions() {
        given().get("/api/v1/model").then().statusCode(200).body("version", equalTo("1"))
                .body("experiment.name", equalTo("als-v2")).body("experiment.treatmentVersion", equalTo("2"))
                .body("experiment.treatmentShare", equalTo(0.5f));
        given().get("/api/v1/models").then().statusCode(200)
                .body("versions.status", equalTo(List.of("serving", "serving")));
    }
}
