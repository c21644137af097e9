package dev.covenant.contract.pact;

/** An interaction of a kind this model does not know (a plugin type or a typo); kept so it can be reported. */
public record OtherInteraction(int index, String description, String pactId, String type) implements Interaction {
}
