package dev.covenant.registry.checks;

import static dev.covenant.registry.checks.Contracts.awaitReport;
import static dev.covenant.registry.checks.Contracts.itemPact;
import static dev.covenant.registry.checks.Contracts.itemsDocument;
import static dev.covenant.registry.checks.Contracts.publishDocument;
import static dev.covenant.registry.checks.Contracts.publishPact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.events.EventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of {@code GET /compatibility-reports/{id}}, {@code GET /compatibility-reports} and the pre-merge check is
 * a contract with CI scripts: its members, their order and their values must not move when the code that builds
 * reports changes. The expected files under {@code report-shapes/} were recorded from these same publishes by the
 * code before report parts became records (main at 6c7a3e7, where the parts were maps), with
 * {@code -Dcovenant.record-report-shapes=<directory>}; the comparison is of the JSON as served, re-indented, after
 * masking the values that differ per run (ids, times, links with the port) and sorting the members of the objects
 * that code built with {@code Map.of} (no defined order then). Re-record only for an intended change of shape, and
 * read the diff of the files.
 */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class ReportShapeTest extends RegistryTest {

    private static final String RECORD = System.getProperty("covenant.record-report-shapes");
    private static final JsonMapper JSON = JsonMapper.shared();
    /** Members whose values differ per run: report ids, creation times and links (with the port). */
    private static final Set<String> MASKED = Set.of("id", "createdAt", "href");
    /** Objects the code builds with {@code Map.of}, whose member order is not defined: compared sorted. */
    private static final Set<String> UNORDERED = Set.of("base", "candidate", "_links");

    private static final String PROVIDER = "shape-items";
    private static final String READER = "shape-stock-ui";
    private static final String BYSTANDER = "shape-catalog-ui";
    private static final String LISTENER = "shape-events-ui";

    @Test
    void reportsAndThePreMergeCheckKeepTheirJsonShape() throws IOException {
        publishDocument(http, PROVIDER, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        String first = id(awaitReport(http, PROVIDER, "1.0.0", EventTypes.CONTRACT_PUBLISHED));
        publishPact(http, READER, "1", "main", PROVIDER, itemPact(READER, PROVIDER, true));
        publishPact(http, BYSTANDER, "1", "main", PROVIDER, itemPact(BYSTANDER, PROVIDER, false));
        publishPact(http, LISTENER, "1", "main", PROVIDER, pactWithAMessage());
        String satisfied = id(awaitReport(http, READER, "1", EventTypes.PACT_PUBLISHED));
        awaitReport(http, BYSTANDER, "1", EventTypes.PACT_PUBLISHED);
        String withMessage = id(awaitReport(http, LISTENER, "1", EventTypes.PACT_PUBLISHED));
        byte[] preMerge = http.post().uri("/applications/{a}/pre-merge-check?branch=main", PROVIDER)
                .contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(Contracts.itemsDocumentYamlWithoutQuantity())
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        publishDocument(http, PROVIDER, "2.0.0", "main", itemsDocument("2", false)).expectStatus().isCreated();
        String breaking = id(awaitReport(http, PROVIDER, "2.0.0", EventTypes.CONTRACT_PUBLISHED));
        publishPact(http, READER, "2", "main", PROVIDER, itemPact(READER, PROVIDER, true));
        String unsatisfied = id(awaitReport(http, READER, "2", EventTypes.PACT_PUBLISHED));


        List<String> mismatches = new ArrayList<>();
        compare("first-document.json", report(first), mismatches);
        compare("pact-satisfied.json", report(satisfied), mismatches);
        compare("pact-with-a-message.json", report(withMessage), mismatches);
        compare("breaking-document.json", report(breaking), mismatches);
        compare("pact-unsatisfied.json", report(unsatisfied), mismatches);
        compare("provider-list.json", get("/compatibility-reports?application=" + PROVIDER), mismatches);
        compare("pre-merge-check.json", preMerge, mismatches);
        assertThat(mismatches).isEmpty();
    }

    private byte[] report(String id) {
        return get("/compatibility-reports/" + id);
    }

    private byte[] get(String path) {
        return http.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
    }

    private static String id(Map<String, Object> report) {
        return (String) report.get("id");
    }

    /** A V4 pact with an HTTP interaction and a message: its check does not count as a verification. */
    private static String pactWithAMessage() {
        return """
                {"consumer": {"name": "%s"}, "provider": {"name": "%s"},
                 "interactions": [
                   {"type": "Synchronous/HTTP", "description": "get an item",
                    "request": {"method": "GET", "path": "/items/7"},
                    "response": {"status": 200, "headers": {"Content-Type": ["application/json"]},
                                 "body": {"contentType": "application/json", "encoded": false,
                                          "content": {"id": "7"}}}},
                   {"type": "Asynchronous/Messages", "description": "an item changed",
                    "contents": {"contentType": "application/json", "encoded": false, "content": {"id": "7"}}}],
                 "metadata": {"pactSpecification": {"version": "4.0"}}}
                """.formatted(LISTENER, PROVIDER);
    }

    private void compare(String name, byte[] served, List<String> mismatches) throws IOException {
        String actual = normalised(served);
        if (RECORD != null) {
            Path file = Path.of(RECORD, name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual + "\n");
            return;
        }
        try (InputStream expected = ReportShapeTest.class.getResourceAsStream("report-shapes/" + name)) {
            assertThat(expected).as("expected shape %s", name).isNotNull();
            String recorded = new String(expected.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!recorded.equals(actual)) {
                mismatches.add(name + ":\n" + actual);
            }
        }
    }

    /** The served bytes re-indented (members in the order served), with the per-run values masked. */
    private static String normalised(byte[] served) {
        JsonNode tree = JSON.readTree(served);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(masked(tree, null));
    }

    private static JsonNode masked(JsonNode node, String name) {
        if (node.isArray()) {
            node.values().forEach(item -> masked(item, null));
            return node;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = (ObjectNode) node;
        List<String> members = new ArrayList<>(object.propertyNames());
        if (name != null && UNORDERED.contains(name)) {
            members.sort(null);
            ObjectNode sorted = object.objectNode();
            members.forEach(member -> sorted.set(member, object.get(member)));
            object.removeAll();
            object.setAll(sorted);
        }
        for (String member : members) {
            JsonNode value = object.get(member);
            if (MASKED.contains(member) && value.isString()) {
                object.put(member, "(" + member + ")");
            } else {
                masked(value, member);
            }
        }
        return object;
    }
}
