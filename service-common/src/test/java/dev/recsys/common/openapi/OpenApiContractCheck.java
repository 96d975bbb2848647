package dev.recsys.common.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document on the management port holds every endpoint of docs/architecture.md §4 with
 * its problem+json errors, and Swagger UI is served beside it. Each service's
 * {@code @QuarkusTest OpenApiContractTest} extends it and names its rows of the table.
 */
public abstract class OpenApiContractCheck {

    /** The service column of docs/architecture.md §4: {@code recommender}, {@code drift} or {@code gateway}. */
    protected abstract String service();

    private static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsEveryEndpointOfTheContractWithItsProblemResponses() {
        Map<String, Object> openApi = given().port(managementPort()).queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().as(Map.class);
        assertEquals(List.of(), ArchitectureContract.violations(service(), openApi));
    }

    @Test
    void servesSwaggerUiOnTheManagementPort() {
        given().port(managementPort()).get("/q/swagger-ui/").then().statusCode(200);
    }
}
