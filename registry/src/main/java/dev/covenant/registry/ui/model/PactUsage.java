package dev.covenant.registry.ui.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.pact.HttpInteraction;
import dev.covenant.contract.pact.Interaction;
import dev.covenant.contract.pact.Pact;
import dev.covenant.contract.pact.PactBody;
import dev.covenant.contract.pact.Pacts;
import java.util.ArrayList;
import java.util.List;

/** What a consumer's pact uses of its provider: per HTTP interaction, the request and the fields read and sent. */
public final class PactUsage {

    /**
     * One HTTP interaction.
     *
     * @param fieldsRead the response body's field paths (what the consumer relies on)
     * @param fieldsSent the request body's field paths
     */
    public record Use(int index, String description, String method, String path, int status, List<String> fieldsRead,
            List<String> fieldsSent) {
    }

    private PactUsage() {
    }

    public static List<Use> of(JsonNode pactTree) {
        return of(Pacts.parse(pactTree));
    }

    public static List<Use> of(Pact pact) {
        List<Use> uses = new ArrayList<>();
        for (Interaction interaction : pact.interactions()) {
            if (interaction instanceof HttpInteraction http) {
                uses.add(new Use(http.index(), http.description(), http.request().method(), http.request().path(),
                        http.response().status(), fields(http.response().body()), fields(http.request().body())));
            }
        }
        return uses;
    }

    private static List<String> fields(PactBody body) {
        return body == null || body.encoded() ? List.of() : BodyFields.of(body.content());
    }
}
