package dev.recsys.recommender.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.recommender.support.ModelRepositoryResource;
import dev.recsys.recommender.support.TestModels;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class ModelResourceTest {

    @Test
    void modelDescribesTheServedVersion() {
        LoadedModel m = TestModels.load(TestModels.servedRepository(), 1);
        given().get("/api/v1/model").then().statusCode(200)
                .body("name", equalTo("movie-recs"))
                .body("version", equalTo("1"))
                .body("loaded", equalTo(true))
                .body("users", equalTo(m.users().size()))
                .body("items", equalTo(m.items().size()))
                .body("factors", equalTo(m.card().factors()))
                .body("provider", equalTo("cpu"))
                .body("loadedAt", notNullValue())
                .body("offlineMetrics.rmse", equalTo((float) m.card().offlineMetrics().rmse()))
                .body("experiment", nullValue())
                .body("requestId", notNullValue());
    }

    @Test
    void registryListsEveryVersionWithStatusAndCard() {
        LoadedModel m = TestModels.load(TestModels.servedRepository(), 1);
        given().get("/api/v1/models").then().statusCode(200)
                .body("model", equalTo("movie-recs"))
                .body("versions.version", equalTo(java.util.List.of(1, 9)))
                .body("versions[0].status", equalTo("serving"))
                .body("versions[0].card.data.sha256", equalTo(m.card().data().sha256()))
                .body("versions[0].card.parameters.factors", equalTo(m.card().parameters().factors()))
                .body("versions[0].card.createdAt", equalTo(m.card().createdAt()))
                .body("versions[0].card.offlineMetrics.ndcgAt10", notNullValue())
                .body("versions[1].status", equalTo("incomplete"))
                .body("versions[1].card", nullValue());
    }

    @Test
    void oneVersionsCard() {
        given().get("/api/v1/models/1").then().statusCode(200).body("version", equalTo(1))
                .body("status", equalTo("serving")).body("card.version", equalTo(1));
        given().get("/api/v1/models/9").then().statusCode(200).body("status", equalTo("incomplete"));
    }

    @Test
    void unknownVersionIsNotFound() {
        given().get("/api/v1/models/77").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("77"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-3", "1.0"})
    void versionMustBeAPositiveInteger(String version) {
        given().get("/api/v1/models/" + version).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("version"));
    }

    @Test
    void reloadWithoutTokenIsUnauthorized() {
        given().post("/api/v1/model/reload").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Basic dXNlcjpwYXNz").post("/api/v1/model/reload").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"admin\"").body("field", equalTo("Authorization"));
    }

    @Test
    void reloadWithWrongTokenIsForbidden() {
        given().header("Authorization", "Bearer not-the-token").post("/api/v1/model/reload").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void reloadOfTheSameNewestVersionKeepsServingIt() {
        // the scheme is case-insensitive (RFC 7235), as in every service
        given().header("Authorization", "bearer test-admin-token").post("/api/v1/model/reload").then().statusCode(200)
                .body("version", equalTo("1")).body("loaded", equalTo(true));
        given().get("/api/v1/users/1/recommendations?k=3").then().statusCode(200).body("model.version", equalTo("1"));
    }
}
