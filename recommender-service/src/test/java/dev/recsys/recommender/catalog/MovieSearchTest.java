package dev.recsys.recommender.catalog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.recsys.recommender.support.ModelRepositoryResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Search as a person types, against the real PostgreSQL catalog (full text plus pg_trgm). Titles with a made-up
 * word are added beside the served model's synthetic catalog, so their order can be asserted exactly.
 */
@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class MovieSearchTest {

    private static final Object[][] TITLES = {
        {990_001, "Quillhaven (1999)", 10},
        {990_002, "Quillhaven Nights (2001)", 5},
        {990_003, "The Return to Quillhaven (2005)", 500},
        {990_004, "It (2017)", 50},
        {990_005, "Hidden Figures (2016)", 50},
    };

    @Inject
    Pool pool;

    @BeforeEach
    void addTitles() {
        for (Object[] t : TITLES) {
            pool.preparedQuery("""
                    INSERT INTO movie (movie_id, title, genres, rating_count) VALUES ($1, $2, 'Drama', $3)
                    ON CONFLICT (movie_id) DO UPDATE SET title = EXCLUDED.title, rating_count = EXCLUDED.rating_count""")
                    .execute(Tuple.of(t[0], t[1], t[2])).await().atMost(Duration.ofSeconds(30));
        }
    }

    private static List<String> titles(String q, int limit) {
        return given().queryParam("q", q).queryParam("limit", limit).get("/api/v1/movies/search")
                .then().statusCode(200).extract().jsonPath().getList("items.title", String.class);
    }

    @Test
    void exactTitleFirstThenTitlePrefixThenWordInside() {
        // "The Return to Quillhaven" has by far the most ratings, yet the closer matches come first
        assertEquals(List.of("Quillhaven (1999)", "Quillhaven Nights (2001)", "The Return to Quillhaven (2005)"),
                titles("quillhaven", 3));
    }

    @Test
    void prefixFindsTitlesAsYouType() {
        assertEquals(List.of("Quillhaven (1999)", "Quillhaven Nights (2001)", "The Return to Quillhaven (2005)"),
                titles("Quillh", 3));
        List<String> harb = titles("harb", 20);
        assertFalse(harb.isEmpty(), "harb finds the synthetic catalog's Harbor titles");
        for (String title : harb) {
            assertTrue(title.toLowerCase(Locale.ROOT).matches(".*\\bharb.*"), title + " has a word starting with harb");
        }
    }

    @Test
    void misspellingsFindTheTitle() {
        assertEquals("Quillhaven (1999)", titles("Quilhaven", 1).get(0));
        List<String> harbour = titles("Harbour", 20);
        assertFalse(harbour.isEmpty(), "Harbour finds Harbor");
        assertTrue(harbour.get(0).toLowerCase(Locale.ROOT).contains("harbor"), harbour.get(0));
    }

    @Test
    void stopWordsAreSearchable() {
        assertEquals("It (2017)", titles("it", 5).get(0));
        List<String> the = titles("the", 50);
        assertEquals(50, the.size(), "the finds titles although the full-text configuration drops it");
        for (String title : the) {
            assertTrue(title.toLowerCase(Locale.ROOT).matches("^the\\b.*"), title + " starts with The");
        }
    }

    @Test
    void wholeWordsStillRankByFullTextAndGenresStillMatch() {
        assertEquals("Hidden Figures (2016)", titles("hidden figures", 1).get(0));
        List<String> drama = given().queryParam("q", "drama").queryParam("limit", 100).get("/api/v1/movies/search")
                .then().statusCode(200).extract().jsonPath().getList("items.genres.flatten()", String.class);
        assertTrue(drama.contains("Drama"), "a genre word finds movies of that genre");
    }

    @Test
    void punctuationOnlyFindsNothing() {
        assertEquals(List.of(), titles("!!!", 20));
    }
}
