package dev.covenant.contract.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One engine answers many clients at once (checks no longer run one at a time): requests racing on a fresh engine,
 * while its schemas are still being compiled, get exactly the answers a single client gets.
 */
class StubEngineConcurrencyTest {

    private static final int OPERATIONS = 40;
    private static final int THREADS = 12;

    /** Operations whose schemas share referenced components, so compilations and validations interleave. */
    private static JsonNode document() {
        StringBuilder yaml = new StringBuilder("""
                openapi: 3.0.3
                info: {title: Many, version: '1'}
                paths:
                """);
        for (int i = 0; i < OPERATIONS; i++) {
            yaml.append("""
                      /things%1$d/{id}:
                        post:
                          parameters:
                            - {name: id, in: path, required: true, schema: {type: integer, maximum: 1000}}
                            - {name: mode, in: query, schema: {type: string, enum: [fast, slow]}}
                          requestBody:
                            required: true
                            content:
                              application/json:
                                schema: {$ref: '#/components/schemas/Thing%1$d'}
                          responses:
                            '200':
                              description: ok
                              content:
                                application/json:
                                  schema: {$ref: '#/components/schemas/Thing%1$d'}
                    """.formatted(i));
        }
        yaml.append("components:\n  schemas:\n    Shared:\n      type: object\n      required: [code]\n"
                + "      properties: {code: {type: string, pattern: '^[a-z]{3}$'}}\n");
        for (int i = 0; i < OPERATIONS; i++) {
            yaml.append("""
                        Thing%1$d:
                          type: object
                          required: [name, shared]
                          properties:
                            name: {type: string, maxLength: %2$d}
                            shared: {$ref: '#/components/schemas/Shared'}
                            count: {type: integer, minimum: 0}
                    """.formatted(i, 5 + i));
        }
        return OpenApiDocuments.readTree(yaml.toString().getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    private static List<StubRequest> requests() {
        List<StubRequest> requests = new ArrayList<>();
        Map<String, String> json = Map.of("Content-Type", "application/json");
        for (int i = 0; i < OPERATIONS; i++) {
            String path = "/things" + i + "/7";
            requests.add(new StubRequest("POST", path, Map.of("mode", List.of("fast")), json,
                    "{\"name\":\"a\",\"shared\":{\"code\":\"abc\"}}".getBytes(StandardCharsets.UTF_8)));
            requests.add(new StubRequest("POST", path, Map.of("mode", List.of("warp")), json,
                    "{\"name\":\"far too long a name\",\"shared\":{\"code\":\"ABCD\"},\"count\":-1}"
                            .getBytes(StandardCharsets.UTF_8)));
            // a path parameter past its maximum: routed to the operation and refused (422), as Prism does
            requests.add(new StubRequest("POST", "/things" + i + "/1001", Map.of(), json, new byte[0]));
            requests.add(new StubRequest("POST", "/things" + i + "/7/more", Map.of(), json, new byte[0]));
            requests.add(new StubRequest("GET", path, Map.of(), Map.of(), new byte[0]));
        }
        return requests;
    }

    @Test
    void racingClientsGetTheAnswersOneClientGets() throws Exception {
        JsonNode document = document();
        List<StubRequest> requests = requests();
        StubEngine alone = StubEngine.forDocument(document);
        List<String> expected = new ArrayList<>();
        for (StubRequest request : requests) {
            expected.add(answer(alone.handle(request)));
        }
        assertThat(expected).anyMatch(a -> a.startsWith("200 ")).anyMatch(a -> a.startsWith("422 "))
                .anyMatch(a -> a.startsWith("404 ")).anyMatch(a -> a.startsWith("405 "));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 5; round++) {
                StubEngine shared = StubEngine.forDocument(document);
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<List<String>>> clients = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long seed = round * 100L + t;
                    clients.add(pool.submit(() -> {
                        List<Integer> order = new ArrayList<>();
                        for (int i = 0; i < requests.size(); i++) {
                            order.add(i);
                        }
                        Collections.shuffle(order, new Random(seed));
                        String[] answers = new String[requests.size()];
                        start.await();
                        for (int i : order) {
                            answers[i] = answer(shared.handle(requests.get(i)));
                        }
                        return List.of(answers);
                    }));
                }
                for (Future<List<String>> client : clients) {
                    assertThat(client.get()).containsExactlyElementsOf(expected);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String answer(StubResponse response) {
        return response.status() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }
}
