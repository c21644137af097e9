package dev.covenant.contract.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-response cache stays under its byte bound, and what it evicts is built again identically. */
class StubResponseCacheTest {

    private static final int EXAMPLES = 200;
    private static final int OPERATIONS = 50;
    private static final long BOUND = 32 * 1024;

    /** One operation with {@value #EXAMPLES} named examples of about 1 KB each, and many generated responses. */
    private static final byte[] DOCUMENT = document();

    private static byte[] document() {
        StringBuilder yaml = new StringBuilder("""
                openapi: 3.0.3
                info: {title: Cache, version: '1'}
                paths:
                  /notes:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Note'}
                              examples:
                """);
        for (int i = 0; i < EXAMPLES; i++) {
            yaml.append("                    e").append(i).append(": {value: {id: ").append(i).append(", text: '")
                    .append(Integer.toString(i, 36).repeat(1000 / Integer.toString(i, 36).length())).append("'}}\n");
        }
        for (int i = 0; i < OPERATIONS; i++) {
            yaml.append("  /generated").append(i).append(":\n").append("""
                        get:
                          responses:
                            '200':
                              description: ok
                              content:
                                application/json:
                                  schema: {$ref: '#/components/schemas/Page'}
                    """);
        }
        yaml.append("""
                components:
                  schemas:
                    Note:
                      type: object
                      required: [id, text]
                      properties:
                        id: {type: integer}
                        text: {type: string}
                    Page:
                      type: object
                      required: [items]
                      properties:
                        items: {type: array, minItems: 20, items: {$ref: '#/components/schemas/Note'}}
                """);
        return yaml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StubEngine engine(long bound) {
        return StubEngine.forDocument(OpenApiDocuments.readTree(DOCUMENT, DocumentLimits.DEFAULTS), bound);
    }

    private static StubRequest example(int i) {
        return new StubRequest("GET", "/notes", Map.of(), Map.of("Prefer", "example=e" + i), null);
    }

    private static StubRequest generated(int i) {
        return new StubRequest("GET", "/generated" + i, Map.of(), Map.of(), null);
    }

    @Test
    void theWeightNeverExceedsTheBoundAfterManyDistinctResponses() {
        StubEngine stub = engine(BOUND);
        long served = 0;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < EXAMPLES; i++) {
                StubResponse response = stub.handle(example(i));
                assertThat(response.status()).isEqualTo(200);
                served += response.body().length;
                assertThat(stub.cachedBytes()).isLessThanOrEqualTo(BOUND);
            }
            for (int i = 0; i < OPERATIONS; i++) {
                StubResponse response = stub.handle(generated(i));
                assertThat(response.status()).isEqualTo(200);
                served += response.body().length;
                assertThat(stub.cachedBytes()).isLessThanOrEqualTo(BOUND);
            }
        }
        assertThat(served).as("far more was served than the bound holds").isGreaterThan(10 * BOUND);
        assertThat(stub.cachedResponses()).as("something stayed cached").isPositive()
                .as("but not every response").isLessThan(EXAMPLES + OPERATIONS);
        assertThat(stub.cachedBytes()).as("the cache is used up to its bound").isGreaterThan(BOUND / 2);
    }

    @Test
    void theSameRequestGivesIdenticalBytesBeforeAndAfterEviction() {
        StubEngine stub = engine(BOUND);
        StubResponse exampleBefore = stub.handle(example(0));
        StubResponse generatedBefore = stub.handle(generated(0));
        long fullyCached = stub.cachedResponses();
        assertThat(fullyCached).isEqualTo(2);
        for (int i = 1; i < EXAMPLES; i++) {
            stub.handle(example(i));
        }
        for (int i = 1; i < OPERATIONS; i++) {
            stub.handle(generated(i));
        }
        StubResponse exampleAfter = stub.handle(example(0));
        StubResponse generatedAfter = stub.handle(generated(0));
        // the responses were rebuilt rather than kept: a new object, not the cached one
        assertThat(exampleAfter).isNotSameAs(exampleBefore);
        assertThat(generatedAfter).isNotSameAs(generatedBefore);
        assertThat(exampleAfter.body()).isEqualTo(exampleBefore.body());
        assertThat(exampleAfter.headers()).isEqualTo(exampleBefore.headers());
        assertThat(generatedAfter.body()).isEqualTo(generatedBefore.body());
        assertThat(generatedAfter.headers()).isEqualTo(generatedBefore.headers());
        assertThat(generatedBefore.bodyText()).contains("\"items\":[");
    }

    @Test
    void aCachedResponseIsServedAsBuiltAndABoundOfZeroCachesNothing() {
        StubEngine caching = engine(BOUND);
        StubResponse first = caching.handle(generated(3));
        assertThat(caching.handle(generated(3))).isSameAs(first);

        StubEngine none = engine(0);
        StubResponse once = none.handle(generated(3));
        StubResponse twice = none.handle(generated(3));
        assertThat(none.cachedResponses()).isZero();
        assertThat(twice).isNotSameAs(once);
        assertThat(twice.body()).isEqualTo(once.body()).isEqualTo(first.body());
        assertThatThrownBy(() -> engine(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestOfTheSameOperationWithOtherValuesSharesTheCachedResponse() {
        StubEngine stub = engine(BOUND);
        StubResponse a = stub.handle(new StubRequest("GET", "/generated1", Map.of("x", List.of("1")), Map.of(), null));
        StubResponse b = stub.handle(new StubRequest("GET", "/generated1", Map.of(), Map.of(), null));
        assertThat(b).isSameAs(a);
        assertThat(stub.cachedResponses()).isEqualTo(1);
    }
}
