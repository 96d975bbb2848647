package dev.recsys.drift.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.common.openapi.ArchitectureContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The OpenAPI document on the management port holds every endpoint of docs/architecture.md §4 with its errors. */
@QuarkusTest
class OpenApiContractTest {

    private static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsEveryEndpointOfTheContractWithItsProblemResponses() {
        Map<String, Object> openApi = given().port(managementPort()).queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().as(Map.class);
        assertEquals(List.of(), ArchitectureContract.violations("drift", openApi));
    }

    @Test
    void servesSwaggerUiOnTheManagementPort() {
        given().port(managementPort()).get("/q/swagger-ui/").then().statusCode(200);
    }
}
