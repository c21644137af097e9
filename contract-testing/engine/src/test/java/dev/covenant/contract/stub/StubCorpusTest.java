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
 * Over every document of the shared corpora: each operation answers its own sample request, and every response
 * a stub serves (each documented status, each media type) is valid against its own schema, checked independently
 * of the stub by the same response check the pact comparison uses.
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

    @Test
    void everyServedResponseIsValidAgainstItsOwnSchema() throws IOException {
        List<Path> documents = documents();
        assertThat(documents).hasSizeGreaterThan(100);
        int responses = 0;
        int samples = 0;
        int samplesAccepted = 0;
        List<String> invalid = new ArrayList<>();
        java.util.Set<String> gaps = new java.util.TreeSet<>();
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
            StubEngine stub = StubEngine.forDocument(document);
            ExchangeChecker checker = ExchangeChecker.forDocument(document);
            SampleRequests sampler = new SampleRequests(document);
            for (Found operation : checker.operations()) {
                StubRequest sample = sampler.forOperation(operation);
                samples++;
                StubResponse answer = stub.handle(sample);
                if (answer.status() != 422 && answer.status() != 404 && answer.status() != 405) {
                    samplesAccepted++;
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
                        responses++;
                        List<PactFinding> errors = errors(checker, sample, served);
                        String key = path.getFileName() + " " + operation.method() + " " + operation.pathTemplate()
                                + " " + response.status();
                        if (!errors.isEmpty() || served.headers().containsKey("Warning")) {
                            if (!gaps.add(key)) {
                                continue;
                            }
                            if (!KNOWN_GAPS.contains(key)) {
                                invalid.add(key + ": " + (errors.isEmpty() ? served.headers().get("Warning")
                                        : errors.get(0).message()) + " " + served.bodyText());
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("stub corpus: %d documents, %d sample requests (%d accepted), %d responses, %d invalid%n",
                documents.size(), samples, samplesAccepted, responses, invalid.size());
        invalid.stream().map(line -> line.substring(line.indexOf(' '))).distinct().limit(40).forEach(System.out::println);
        assertThat(responses).isGreaterThan(200);
        assertThat(invalid).isEmpty();
        assertThat(gaps).as("known gaps that now pass must leave the list").containsExactlyInAnyOrderElementsOf(KNOWN_GAPS);
        assertThat(samplesAccepted).as("sample requests the stub accepts").isGreaterThan(samples * 9 / 10);
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
