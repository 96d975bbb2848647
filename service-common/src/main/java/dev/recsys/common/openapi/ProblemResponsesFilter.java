package dev.recsys.common.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds the {@code application/problem+json} error responses each operation can answer to a
 * service's OpenAPI document (docs/architecture.md §4), so resources need no per-method
 * annotations. A service subclasses it with its table of {@code "METHOD /path"} → statuses and
 * names the subclass in {@code mp.openapi.filter}; {@code OpenApiContractTest} of each service
 * checks the table against docs/architecture.md.
 */
public abstract class ProblemResponsesFilter implements OASFilter {

    /** Name of the problem schema under {@code components.schemas}. */
    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Map<Integer, String> DESCRIPTIONS = Map.of(
            400, "Invalid input; `detail` and `field` name the bad field",
            401, "Missing admin token (`Authorization: Bearer …`)",
            403, "Wrong admin token",
            404, "Unknown resource",
            413, "Body too large, or a request over a documented limit",
            503, "The service cannot answer now (no model, a store down, no capacity); retry later");

    private final Map<String, List<Integer>> errors;

    /** @param errors per operation, {@code "GET /api/v1/movies/{movieId}"} → the error statuses it can answer */
    protected ProblemResponsesFilter(Map<String, List<Integer>> errors) {
        this.errors = errors;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) ->
                item.getOperations().forEach((method, operation) -> addErrors(method, path, operation)));
    }

    private void addErrors(PathItem.HttpMethod method, String path, Operation operation) {
        List<Integer> statuses = errors.get(method + " " + path);
        if (statuses == null) {
            return;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        for (int status : statuses) {
            responses.addAPIResponse(Integer.toString(status), OASFactory.createAPIResponse()
                    .description(DESCRIPTIONS.getOrDefault(status, "Error"))
                    .content(OASFactory.createContent().addMediaType(PROBLEM_JSON, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)))));
        }
    }

    /** RFC 9457 problem details as the services write them. */
    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", string("A URI reference identifying the problem type (about:blank)"))
                .addProperty("title", string("The HTTP reason phrase"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status"))
                .addProperty("detail", string("What went wrong, naming the offending field"))
                .addProperty("field", string("The offending request field, when there is one"))
                .required(List.of("title", "status"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
