package dev.covenant.contract.pact;

/** An asynchronous or synchronous message interaction: nothing an HTTP document describes. */
public record MessageInteraction(int index, String description, String pactId, String type) implements Interaction {
}
