package dev.recsys.recommender.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.recsys.modelrepository.ItemTable;
import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.recommender.support.ModelRepositoryResource;
import dev.recsys.recommender.support.TestModels;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class MovieResourceTest {

    private static ItemTable items() {
        LoadedModel m = TestModels.load(TestModels.servedRepository(), 1);
        return m.items();
    }

    @Test
    void movieComesFromTheServedModelsItems() {
        ItemTable items = items();
        int item = 17;
        given().get("/api/v1/movies/" + items.movieId(item)).then().statusCode(200)
                .body("movieId", equalTo(items.movieId(item)))
                .body("title", equalTo(items.title(item)))
                .body("genres", equalTo(items.genreList(item)))
                .body("ratingCount", equalTo(items.ratingCount(item)))
                .body("requestId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void searchFindsATitleWordBestMatchFirst() {
        ItemTable items = items();
        String title = items.title(3);
        String word = java.util.Arrays.stream(title.split("[^A-Za-z]+")).filter(w -> w.length() >= 4).findFirst()
                .orElseThrow();
        JsonPath body = given().queryParam("q", word).queryParam("limit", 100).get("/api/v1/movies/search")
                .then().statusCode(200).extract().jsonPath();
        List<Integer> ids = body.getList("items.movieId", Integer.class);
        assertTrue(ids.contains(items.movieId(3)), word + " finds " + title);
        List<Float> ranks = body.getList("items.rank", Float.class);
        for (int i = 1; i < ranks.size(); i++) {
            assertTrue(ranks.get(i - 1) >= ranks.get(i), "ranked: " + ranks);
        }
        assertEquals(word, body.getString("query"));
    }

    @Test
    void searchHonoursTheLimit() {
        String genre = "Drama";
        JsonPath body = given().queryParam("q", genre).queryParam("limit", 3).get("/api/v1/movies/search")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(3, body.getList("items").size());
    }

    @Test
    void searchWithoutMatchesIsEmpty() {
        given().queryParam("q", "zzqxjv").get("/api/v1/movies/search").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void unknownMovieIsNotFound() {
        given().get("/api/v1/movies/987654321").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("987654321"));
    }

    @ParameterizedTest
    @CsvSource({"abc", "0", "-1", "1.5"})
    void nonNumericMovieIdIsBadRequest(String id) {
        given().get("/api/v1/movies/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("movieId"));
    }

    @ParameterizedTest
    @CsvSource(value = {"'', 20, q", "'   ', 20, q", "toy, 0, limit", "toy, 101, limit", "toy, many, limit"})
    void badSearchInputIsBadRequest(String q, String limit, String field) {
        given().queryParam("q", q).queryParam("limit", limit).get("/api/v1/movies/search").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u001bb", "a\u007fb"})
    void controlCharactersInTheQueryAreBadRequestsNotServerErrors(String q) {
        given().queryParam("q", q).get("/api/v1/movies/search").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("q")).body("detail", containsString("q"));
    }

    @Test
    void missingAndOverlongQueriesAreBadRequests() {
        given().get("/api/v1/movies/search").then().statusCode(400).body("detail", containsString("q"));
        given().queryParam("q", "a".repeat(201)).get("/api/v1/movies/search").then().statusCode(400)
                .body("detail", containsString("q"));
        given().queryParam("q", "a".repeat(200)).get("/api/v1/movies/search").then().statusCode(200);
    }
}
