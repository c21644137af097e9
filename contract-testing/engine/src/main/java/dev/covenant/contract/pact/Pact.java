package dev.covenant.contract.pact;

import java.util.List;

/**
 * A consumer contract: who expects what of which provider.
 *
 * @param consumer      consumer name
 * @param provider      provider name
 * @param specification declared Pact specification version
 * @param interactions  every interaction in file order (HTTP, message and unknown kinds)
 */
public record Pact(String consumer, String provider, PactSpecification specification, List<Interaction> interactions) {

    public Pact {
        interactions = List.copyOf(interactions);
    }
}
