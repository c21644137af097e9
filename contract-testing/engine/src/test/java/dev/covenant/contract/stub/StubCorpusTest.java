package dev.covenant.contract.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.check.ExchangeChecker;
import dev.covenant.contract.check.ExchangeChecker.Found;
import dev.covenant.contract.check.ExchangeChecker.MediaSpec;
import dev.covenant.contract.check.ExchangeChecker.ResponseSpec;
import dev.covenant.contract.check.FindingType;
import dev.covenant.contract.check.PactFinding;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.pact.HttpResponse;
import dev.covenant.contract.pact.PactBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Over every document of the shared corpora, and over a cut of GitHub's REST description (150 paths, checked in
 * under {@code src/test/resources/github}): each operation answers its own sample request, and every response a
 * stub serves (each documented status, each media type) is valid against its own schema, checked independently of
 * the stub by the same response check the pact comparison uses.
 */
class StubCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Responses no instance can satisfy, so no stub can serve validly: {@code oneOf} branches that are the same
     * schema (every instance matches several); a required property the schema does not declare (responses are
     * closed); an {@code allOf} branch with {@code additionalProperties: false} beside another branch's
     * properties. A gap that starts passing fails the test until it is removed.
     */
    private static final java.util.Set<String> KNOWN_GAPS = java.util.Set.of(
            "response_property_discriminator_added_base.yaml POST /pets 200",
            "response_property_one_of_added_revision.yaml GET /pets 200",
            "response_property_one_of_removed_base.yaml GET /pets 200",
            "response_property_one_of_wrapped_revision.yaml GET /example 200",
            "write-only-delete-partial-revision.yaml POST /api/atlas/v1.0/groups 200",
            "write-only-delete-partial-revision.yaml GET /api/atlas/v1.0/groups/{groupId} 200",
            "base.json GET /api/allOf/path 200",
            "revision.json GET /api/allOf/path 200");

    /** What serving every documented response of some documents gave. */
    private static final class Tally {
        int responses;
        int samples;
        int samplesAccepted;
        final List<String> invalid = new ArrayList<>();
        final java.util.Set<String> gaps = new java.util.TreeSet<>();
        final java.util.Set<String> known;

        Tally(java.util.Set<String> known) {
            this.known = known;
        }
    }

    @Test
    void everyServedResponseIsValidAgainstItsOwnSchema() throws IOException {
        List<Path> documents = documents();
        assertThat(documents).hasSizeGreaterThan(100);
        Tally tally = new Tally(KNOWN_GAPS);
        for (Path path : documents) {
            JsonNode document;
            try {
                document = OpenApiDocuments.readTree(Files.readAllBytes(path), DocumentLimits.DEFAULTS);
            } catch (RuntimeException e) {
                continue; // documents the corpus keeps to be refused
            }
            if (!document.isObject() || !document.path("paths").isObject()) {
                continue;
            }
            serveEveryResponse(path.getFileName().toString(), document, Map.of(), tally);
        }
        report("stub corpus: " + documents.size() + " documents", tally);
        assertThat(tally.responses).isGreaterThan(200);
        assertThat(tally.invalid).isEmpty();
        assertThat(tally.gaps).as("known gaps that now pass must leave the list")
                .containsExactlyInAnyOrderElementsOf(KNOWN_GAPS);
        assertThat(tally.samplesAccepted).as("sample requests the stub accepts").isGreaterThan(tally.samples * 9 / 10);
    }

    /**
     * GitHub's description, cut by {@code docs/benchmarks/stub-github-prep.js} to its first 150 paths with their
     * components (descriptions emptied, a bearer scheme added; see the README beside it). Every response of every
     * operation is served and checked; none may be invalid, and every sample request must be accepted.
     */
    @Test
    void everyServedResponseOfGitHubsDescriptionIsValidAgainstItsOwnSchema() throws IOException {
        JsonNode document;
        try (java.io.InputStream in = StubCorpusTest.class.getResourceAsStream("/github/api.github.com-cut.json")) {
            assertThat(in).as("the GitHub cut in test resources").isNotNull();
            document = OpenApiDocuments.readTree(in.readAllBytes(), DocumentLimits.DEFAULTS);
        }
        Tally tally = new Tally(java.util.Set.of());
        // the cut requires a bearer token everywhere; the sample requests carry none of their own
        serveEveryResponse("api.github.com-cut.json", document, Map.of("Authorization", "Bearer sample"), tally);
        report("stub on GitHub's description", tally);
        assertThat(tally.samples).as("operations").isGreaterThan(200);
        assertThat(tally.responses).isGreaterThan(500);
        assertThat(tally.invalid).isEmpty();
        assertThat(tally.samplesAccepted).as("sample requests the stub accepts").isEqualTo(tally.samples);
        assertThat(tally.gaps).as("responses the stub could not build validly").isEmpty();
    }

    private static void report(String what, Tally tally) {
        System.out.printf("%s: %d sample requests (%d accepted), %d responses, %d invalid%n", what, tally.samples,
                tally.samplesAccepted, tally.responses, tally.invalid.size());
        tally.invalid.stream().map(line -> line.substring(line.indexOf(' '))).distinct().limit(40)
                .forEach(System.out::println);
    }

    /**
     * Serves each documented status and media type of every operation of one document, each sample request with
     * {@code credentials} added, and checks each answer.
     */
    private static void serveEveryResponse(String name, JsonNode document, Map<String, String> credentials,
                                           Tally tally) throws IOException {
        StubEngine stub = StubEngine.forDocument(document);
        ExchangeChecker checker = ExchangeChecker.forDocument(document);
        SampleRequests sampler = new SampleRequests(document);
        for (Found operation : checker.operations()) {
            StubRequest generated = sampler.forOperation(operation);
            Map<String, String> withCredentials = new HashMap<>(generated.headers());
            withCredentials.putAll(credentials);
            StubRequest sample = new StubRequest(generated.method(), generated.path(), generated.query(),
                    withCredentials, generated.body());
            tally.samples++;
            StubResponse answer = stub.handle(sample);
            if (answer.status() != 422 && answer.status() != 404 && answer.status() != 405) {
                tally.samplesAccepted++;
            } else {
                continue;
            }
            for (ResponseSpec response : operation.responses()) {
                List<MediaSpec> media = response.content().isEmpty() ? java.util.Collections.singletonList(null)
                        : response.content();
                for (MediaSpec type : media) {
                    Map<String, String> headers = new HashMap<>(sample.headers());
                    if (response.status().matches("\\d{3}")) {
                        headers.put("Prefer", "code=" + response.status());
                    }
                    if (type != null && !type.mediaType().contains("*")) {
                        headers.put("Accept", type.mediaType());
                    }
                    StubRequest request = new StubRequest(sample.method(), sample.path(), sample.query(), headers,
                            sample.body());
                    StubResponse served = stub.handle(request);
                    if (served.headers().getOrDefault("Content-Type", "").equals("application/problem+json")) {
                        continue;
                    }
                    tally.responses++;
                    List<PactFinding> errors = errors(checker, sample, served);
                    String key = name + " " + operation.method() + " " + operation.pathTemplate()
                            + " " + response.status();
                    if (!errors.isEmpty() || served.headers().containsKey("Warning")) {
                        if (!tally.gaps.add(key)) {
                            continue;
                        }
                        if (!tally.known.contains(key)) {
                            tally.invalid.add(key + ": " + (errors.isEmpty() ? served.headers().get("Warning")
                                    : errors.get(0).message()) + " " + served.bodyText());
                        }
                    }
                }
            }
        }
    }

    private static List<PactFinding> errors(ExchangeChecker checker, StubRequest request, StubResponse served)
            throws IOException {
        String contentType = served.headers().get("Content-Type");
        PactBody body = null;
        if (served.body().length > 0) {
            JsonNode content = ExchangeChecker.isJson(contentType) ? JSON.readTree(served.body())
                    : JSON.getNodeFactory().textNode(served.bodyText());
            body = new PactBody(content, contentType, false);
        }
        return checker.checkResponse(request.method(), request.path(),
                        new HttpResponse(served.status(), served.headers(), body))
                .stream()
                .filter(f -> f.type() == FindingType.ERROR)
                .toList();
    }

    static List<Path> documents() throws IOException {
        Path conformance = conformance();
        List<Path> documents = new ArrayList<>();
        for (String corpus : List.of("openapi-diff/specs", "pact-vs-openapi")) {
            try (Stream<Path> files = Files.walk(conformance.resolve(corpus))) {
                files.filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
                        .filter(f -> !corpus.equals("pact-vs-openapi") || f.getFileName().toString().startsWith("oas"))
                        .sorted()
                        .forEach(documents::add);
            }
        }
        return documents;
    }

    private static Path conformance() {
        String configured = System.getProperty("covenant.shared.dir");
        if (configured != null && !configured.isBlank() && !configured.contains("${")) {
            return Paths.get(configured).resolve("conformance");
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared").resolve("conformance"))) {
                return dir.resolve("shared").resolve("conformance");
            }
        }
        throw new IllegalStateException("shared/conformance not found: set -Dcovenant.shared.dir");
    }
}
