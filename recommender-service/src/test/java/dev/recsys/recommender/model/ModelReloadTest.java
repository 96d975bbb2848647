package dev.recsys.recommender.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.recsys.recommender.support.ModelRepositoryResource;
import dev.recsys.recommender.support.Requests;
import dev.recsys.recommender.support.TestModelCache;
import dev.recsys.recommender.support.TestModels;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
@TestProfile(ModelReloadTest.ReloadModel.class)
class ModelReloadTest {

    public static class ReloadModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommender.model-name", TestModels.RELOAD_MODEL);
        }
    }

    private static String path(int userId) {
        return "/api/v1/users/" + userId + "/recommendations?k=5";
    }

    private static JsonPath recommend(int userId) {
        return Requests.get(path(userId));
    }

    @Test
    void reloadServesTheNewVersionWithoutFailingRequestsInFlight() throws Exception {
        int userId = TestModels.load(TestModels.servedRepository(), TestModels.RELOAD_MODEL, 1).users().userId(0);
        assertEquals("1", recommend(userId).getString("model.version"));
        Requests.awaitCached(path(userId));

        TestModelCache.publishNextReloadVersion(TestModels.servedRepository());
        given().get("/api/v1/models/2").then().statusCode(200).body("status", equalTo("candidate"));

        // requests keep flowing while the model is swapped; none may fail
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> load = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            load.add(clients.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                int i = 0;
                while (!stop.get()) {
                    statuses.add(given().get("/api/v1/users/" + (1 + (client * 1000 + i++) % 300)
                            + "/recommendations?k=5&excludeSeen=false").statusCode());
                }
                return statuses;
            }));
        }
        Thread.sleep(300);
        given().header("Authorization", "Bearer test-admin-token").post("/api/v1/model/reload").then().statusCode(200)
                .body("version", equalTo("2")).body("loaded", equalTo(true));
        Thread.sleep(300);
        stop.set(true);
        int served = 0;
        for (Future<List<Integer>> f : load) {
            for (int status : f.get()) {
                assertEquals(200, status);
                served++;
            }
        }
        clients.shutdown();
        assertTrue(served > 0);

        JsonPath afterReload = recommend(userId);
        assertEquals("2", afterReload.getString("model.version"));
        assertFalse(afterReload.getBoolean("cached"), "the old version's cached list is not served");
        assertEquals("2", Requests.awaitCached(path(userId)).getString("model.version"));
        given().get("/api/v1/model").then().body("version", equalTo("2"));
        given().get("/api/v1/models").then().body("versions.status", equalTo(List.of("candidate", "serving")));
        String metrics = given().get("http://localhost:19080/q/metrics").then().extract().asString();
        String loaded = metrics.lines().filter(l -> l.startsWith("model_loaded")).toList().toString();
        assertTrue(metrics.contains("model_loaded{model=\"reload-test\",version=\"1\"} 0.0"), "old version unloaded: " + loaded);
        assertTrue(metrics.contains("model_loaded{model=\"reload-test\",version=\"2\"} 1.0"));
    }
}
