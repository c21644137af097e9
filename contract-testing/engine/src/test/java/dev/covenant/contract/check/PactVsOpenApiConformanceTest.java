package dev.covenant.contract.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.pact.Pacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs openapi-pact-comparator's own fixtures ({@code shared/conformance/pact-vs-openapi}): every case must
 * produce exactly the expected multiset of (code, type, location in the pact). Cases listed in
 * {@code known-gaps/pact-vs-openapi.tsv} must still fail, so fixing one forces its removal from the list.
 */
class PactVsOpenApiConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double REQUIRED_PASS_RATE = 1.0; // 43 of 43 (2026-12-02), locations in the pact included

    @TestFactory
    Stream<DynamicTest> eachCaseReportsExactlyTheComparatorsFindings() {
        Map<String, String> gaps = knownGaps();
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String name = dir.getFileName().toString();
            List<String> expected = expected(dir);
            List<String> actual = actual(dir);
            if (gaps.containsKey(name)) {
                assertThat(actual).as("known gap '%s' (%s) now passes: remove it from known-gaps/pact-vs-openapi.tsv",
                        name, gaps.get(name)).isNotEqualTo(expected);
            } else {
                assertThat(actual).as("findings (code/type) of case %s", name).isEqualTo(expected);
            }
        }));
    }

    @Test
    void everyCasePasses() {
        List<Path> cases = cases();
        long passing = cases.stream().filter(dir -> actual(dir).equals(expected(dir))).count();
        assertThat((double) passing / cases.size())
                .as("%d of %d cases pass", passing, cases.size())
                .isGreaterThanOrEqualTo(REQUIRED_PASS_RATE);
    }

    @Test
    void knownGapsNameExistingCases() {
        List<String> names = cases().stream().map(dir -> dir.getFileName().toString()).toList();
        assertThat(names).containsAll(knownGaps().keySet());
    }

    static List<Path> cases() {
        Path corpus = SharedCorpus.conformance("pact-vs-openapi");
        try (Stream<Path> children = Files.list(corpus)) {
            return children.filter(Files::isDirectory).filter(dir -> Files.exists(dir.resolve("results.json")))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each finding as code/type and where in the pact, in the comparator's notation. Where in the document is not
     * compared: the comparator writes it in a notation of its own (the operation's path joined with the target
     * of a {@code $ref}, {@code parameters[0]}), where ours is the JSON pointer of what failed.
     */
    static List<String> expected(Path dir) {
        List<String> findings = new ArrayList<>();
        for (JsonNode finding : read(dir.resolve("results.json"))) {
            findings.add(finding.path("code").asText() + "/" + finding.path("type").asText()
                    + " at " + finding.path("mockDetails").path("location").asText(""));
        }
        findings.sort(null);
        return findings;
    }

    static List<String> actual(Path dir) {
        JsonNode document = read(dir.resolve("oas.yaml"));
        CheckReport report = PactChecker.check(document, Pacts.parse(read(dir.resolve("pact.json"))),
                CheckOptions.comparatorCompatible());
        List<String> findings = new ArrayList<>();
        for (PactFinding finding : report.findings()) {
            findings.add(finding.code() + "/" + finding.type().name().toLowerCase(java.util.Locale.ROOT)
                    + " at " + (finding.mockPointer() == null ? "" : finding.mockPointer()));
        }
        findings.sort(null);
        return findings;
    }

    private static JsonNode read(Path file) {
        try {
            return OpenApiDocuments.readTree(Files.readAllBytes(file), DocumentLimits.DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> knownGaps() {
        Map<String, String> gaps = new TreeMap<>();
        try (InputStream in = PactVsOpenApiConformanceTest.class.getResourceAsStream("/known-gaps/pact-vs-openapi.tsv")) {
            if (in == null) {
                return gaps;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                gaps.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gaps;
    }
}
