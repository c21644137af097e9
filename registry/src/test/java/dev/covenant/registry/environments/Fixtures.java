package dev.covenant.registry.environments;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Environments and versions created over HTTP, the way clients create them. */
final class Fixtures {

    private Fixtures() {
    }

    /** Creates an environment and returns its uuid. */
    static String environment(WebTestClient http, String name, boolean production) {
        Map<?, ?> body = http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"production\":" + production + "}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("uuid");
    }

    static void version(WebTestClient http, String application, String number) {
        http.put().uri("/pacticipants/{a}/versions/{v}", application, number).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().is2xxSuccessful();
    }

    /** Records a deployment and returns its uuid. */
    static String deploy(WebTestClient http, String application, String number, String environment, String instance) {
        Map<?, ?> body = http.post().uri("/pacticipants/{a}/versions/{v}/deployed-versions/environment/{e}",
                        application, number, environment)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(instance == null ? "{}" : "{\"applicationInstance\":\"" + instance + "\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("uuid");
    }

    /** Records a release and returns its uuid. */
    static String release(WebTestClient http, String application, String number, String environment) {
        Map<?, ?> body = http.post().uri("/pacticipants/{a}/versions/{v}/released-versions/environment/{e}",
                        application, number, environment)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().is2xxSuccessful()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("uuid");
    }
}
