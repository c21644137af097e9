package dev.covenant.contract.check;

/** Which interaction of the pact a finding is about. */
public record InteractionRef(int index, String description, String pactId) {
}
