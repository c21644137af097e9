package dev.covenant.registry.testing;

import dev.covenant.registry.RegistryTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Without the switch there is no state change endpoint and no placeholder path. */
class ProviderStatesOffByDefaultTest extends RegistryTest {

    @Test
    void neitherStatesNorPlaceholdersAreServed() {
        String kept = unique("kept");
        http.put().uri("/pacticipants/{name}", kept).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().is2xxSuccessful();

        http.post().uri("/_covenant/provider-states").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"state\":\"an environment exists\"}")
                .exchange()
                .expectStatus().isNotFound();
        http.get().uri("/HAL-REL-PLACEHOLDER-PB-ENVIRONMENTS").exchange().expectStatus().isNotFound();
        http.get().uri("/pacticipants/{name}", kept).exchange().expectStatus().isOk();
    }
}
