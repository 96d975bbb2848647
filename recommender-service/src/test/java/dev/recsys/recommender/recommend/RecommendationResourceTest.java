package dev.recsys.recommender.recommend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.recsys.modelrepository.LoadedModel;
import dev.recsys.recommender.support.ModelRepositoryResource;
import dev.recsys.recommender.support.Requests;
import dev.recsys.recommender.support.TestModels;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class RecommendationResourceTest {

    private static LoadedModel model() {
        return TestModels.load(TestModels.servedRepository(), 1);
    }

    private static JsonPath recommend(int userId, String query) {
        return given().when().get("/api/v1/users/" + userId + "/recommendations" + query)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    @Test
    void knownUserGetsKRankedItemsOfTheServedModel() {
        LoadedModel m = model();
        int userId = m.users().userId(3);
        JsonPath body = recommend(userId, "?k=7&excludeSeen=false");
        assertEquals(userId, body.getInt("userId"));
        assertEquals("movie-recs", body.getString("model.name"));
        assertEquals("1", body.getString("model.version"));
        assertFalse(body.getBoolean("coldStart"));
        assertTrue(body.getString("requestId").matches("[0-9a-f-]{36}"));
        assertNull(body.get("experiment"));
        assertNull(body.get("variant"));
        List<Integer> ids = body.getList("items.movieId", Integer.class);
        List<Float> scores = body.getList("items.score", Float.class);
        assertEquals(7, ids.size());
        assertEquals(7, new HashSet<>(ids).size());
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(scores.get(i - 1) >= scores.get(i), "scores best first: " + scores);
        }
        int first = m.items().indexOf(ids.get(0));
        assertEquals(m.items().title(first), body.getString("items[0].title"));
        assertEquals(m.items().genreList(first), body.getList("items[0].genres", String.class));
    }

    @Test
    void defaultKIsTen() {
        assertEquals(10, recommend(model().users().userId(0), "").getList("items").size());
    }

    @Test
    void anIdenticalRequestIsServedFromTheCache() throws InterruptedException {
        int userId = model().users().userId(5);
        JsonPath first = recommend(userId, "?k=5&genre=Drama");
        JsonPath second = Requests.awaitCached("/api/v1/users/" + userId + "/recommendations?k=5&genre=Drama");
        assertFalse(first.getBoolean("cached"));
        assertTrue(second.getBoolean("cached"));
        assertEquals(first.getList("items.movieId"), second.getList("items.movieId"));
        assertEquals(first.getList("items.score"), second.getList("items.score"));
        assertNotEquals(first.getString("requestId"), second.getString("requestId"));
    }

    @Test
    void excludeSeenRemovesItemsTheUserRated() {
        LoadedModel m = model();
        int user = heaviestUser(m);
        Set<Integer> seen = new HashSet<>();
        for (int item : m.seen().itemsOf(user)) {
            seen.add(m.items().movieId(item));
        }
        List<Integer> withSeen = recommend(m.users().userId(user), "?k=50&excludeSeen=false").getList("items.movieId", Integer.class);
        assertTrue(withSeen.stream().anyMatch(seen::contains), "the unfiltered top 50 of a heavy user contains rated items");
        List<Integer> unseen = recommend(m.users().userId(user), "?k=50&excludeSeen=true").getList("items.movieId", Integer.class);
        assertEquals(50, unseen.size());
        assertTrue(unseen.stream().noneMatch(seen::contains), "no rated item in " + unseen);
    }

    @Test
    void genreFilterKeepsOnlyThatGenreAndIgnoresLetterCase() {
        LoadedModel m = model();
        String rarest = rarestGenre(m);
        JsonPath body = recommend(m.users().userId(1), "?k=20&excludeSeen=false&genre=" + rarest.toUpperCase());
        List<List<String>> genres = body.getList("items.genres");
        assertFalse(genres.isEmpty());
        assertTrue(genres.stream().allMatch(g -> g.contains(rarest)), genres.toString());
        long available = countWithGenre(m, rarest);
        assertEquals(Math.min(20, available), genres.size(), "falls back to ranking every item when too few survive");
    }

    @Test
    void unknownUserGetsThePopularListAsColdStart() {
        LoadedModel m = model();
        JsonPath body = recommend(999_999, "?k=5");
        assertTrue(body.getBoolean("coldStart"));
        List<Integer> expected = m.card().popularItems().stream().limit(5).map(p -> p.movieId()).toList();
        assertEquals(expected, body.getList("items.movieId", Integer.class));
    }

    @ParameterizedTest
    @CsvSource({
        "1, k=0, k",
        "1, k=101, k",
        "1, k=ten, k",
        "1, k=1.5, k",
        "abc, k=5, userId",
        "-4, k=5, userId",
        "99999999999, k=5, userId",
        "1, excludeSeen=maybe, excludeSeen",
        "1, genre=NoSuchGenre, genre"})
    void badInputIsAProblemNamingTheField(String userId, String query, String field) {
        given().when().get("/api/v1/users/" + userId + "/recommendations?" + query)
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("Bad Request"))
                .body("detail", containsString(field)).body("stackTrace", nullValue());
    }

    @Test
    void overlongGenreIsRejected() {
        given().when().get("/api/v1/users/1/recommendations?genre=" + "x".repeat(65))
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("genre"));
    }

    @Test
    void unknownPathIsAProblemToo() {
        given().when().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", notNullValue());
    }

    static int heaviestUser(LoadedModel m) {
        int best = 0;
        for (int u = 1; u < m.users().size(); u++) {
            if (m.seen().count(u) > m.seen().count(best)) {
                best = u;
            }
        }
        return best;
    }

    static String rarestGenre(LoadedModel m) {
        String rarest = null;
        long fewest = Long.MAX_VALUE;
        for (String g : m.items().genreNames()) {
            long n = countWithGenre(m, g);
            if (n < fewest) {
                fewest = n;
                rarest = g;
            }
        }
        return rarest;
    }

    static long countWithGenre(LoadedModel m, String genre) {
        long n = 0;
        for (int i = 0; i < m.items().size(); i++) {
            if (m.items().genreList(i).contains(genre)) {
                n++;
            }
        }
        return n;
    }
}
