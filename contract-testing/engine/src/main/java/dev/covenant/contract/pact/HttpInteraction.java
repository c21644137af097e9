package dev.covenant.contract.pact;

import java.util.List;

/** A request/response pair (V1–V3 interactions, V4 {@code Synchronous/HTTP}). */
public record HttpInteraction(
        int index,
        String description,
        String pactId,
        List<String> providerStates,
        HttpRequest request,
        HttpResponse response) implements Interaction {

    public HttpInteraction {
        providerStates = List.copyOf(providerStates);
    }
}
