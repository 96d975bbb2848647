package dev.recsys.common.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoint table of docs/architecture.md §4 checked against a service's OpenAPI document:
 * shared by each service's {@code OpenApiContractTest} (service-common's test jar).
 */
public final class ArchitectureContract {

    /** {@code | service | METHOD | `path` | errors |}; errors are status numbers or "–". */
    private static final Pattern ROW = Pattern.compile("^\\| (\\w+) \\| ([A-Z]+) \\| `([^`]+)` \\| ([^|]*)\\|$");
    private static final Pattern STATUS = Pattern.compile("\\b[45]\\d\\d\\b");

    /** One documented operation and the problem+json statuses it can answer. */
    public record Endpoint(String method, String path, List<String> errors) {
    }

    private ArchitectureContract() {
    }

    /** The documented endpoints of {@code service} ({@code recommender}, {@code drift}, {@code gateway}). */
    public static List<Endpoint> endpoints(String service) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String line : lines()) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches() && row.group(1).equals(service)) {
                String errors = row.group(4).strip();
                List<String> statuses = errors.startsWith("–") ? List.of()
                        : STATUS.matcher(errors).results().map(java.util.regex.MatchResult::group).toList();
                endpoints.add(new Endpoint(row.group(2), row.group(3), statuses));
            }
        }
        return endpoints;
    }

    /**
     * What the OpenAPI document (parsed JSON) lacks of the documented endpoints: a missing
     * operation, or a documented error status without an {@code application/problem+json}
     * response referring to the Problem schema. Empty when the document keeps the contract.
     */
    @SuppressWarnings("unchecked")
    public static List<String> violations(String service, Map<String, Object> openApi) {
        List<Endpoint> endpoints = endpoints(service);
        List<String> violations = new ArrayList<>();
        if (endpoints.isEmpty()) {
            violations.add("docs/architecture.md §4 lists no endpoint of " + service);
        }
        Map<String, Object> paths = (Map<String, Object>) openApi.getOrDefault("paths", Map.of());
        for (Endpoint e : endpoints) {
            Map<String, Object> item = (Map<String, Object>) paths.get(e.path());
            Map<String, Object> operation = item == null ? null
                    : (Map<String, Object>) item.get(e.method().toLowerCase(java.util.Locale.ROOT));
            if (operation == null) {
                violations.add(e.method() + " " + e.path() + ": not in the OpenAPI document");
                continue;
            }
            Map<String, Object> responses = (Map<String, Object>) operation.getOrDefault("responses", Map.of());
            for (String status : e.errors()) {
                Map<String, Object> response = (Map<String, Object>) responses.get(status);
                Map<String, Object> content = response == null ? null : (Map<String, Object>) response.get("content");
                Map<String, Object> problem = content == null ? null
                        : (Map<String, Object>) content.get(ProblemResponsesFilter.PROBLEM_JSON);
                Object schema = problem == null ? null : problem.get("schema");
                if (!(schema instanceof Map<?, ?> ref)
                        || !String.valueOf(ref.get("$ref")).endsWith("/" + ProblemResponsesFilter.PROBLEM_SCHEMA)) {
                    violations.add(e.method() + " " + e.path() + ": no " + status + " problem+json response");
                }
            }
        }
        return violations;
    }

    private static List<String> lines() {
        Path doc = Path.of("..", "docs", "architecture.md");
        try {
            return Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("the contract " + doc.toAbsolutePath() + " cannot be read", e);
        }
    }
}
