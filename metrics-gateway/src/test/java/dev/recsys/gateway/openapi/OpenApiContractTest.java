package dev.recsys.gateway.openapi;

import dev.recsys.common.openapi.OpenApiContractCheck;
import io.quarkus.test.junit.QuarkusTest;

/** The gateway rows of docs/architecture.md §4 against this service's OpenAPI document. */
@QuarkusTest
class OpenApiContractTest extends OpenApiContractCheck {

    @Override
    protected String service() {
        return "gateway";
    }
}
