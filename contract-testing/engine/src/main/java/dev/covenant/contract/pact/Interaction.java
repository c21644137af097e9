package dev.covenant.contract.pact;

/** One interaction of a pact. HTTP interactions are checked against documents; the other kinds are not. */
public sealed interface Interaction permits HttpInteraction, MessageInteraction, OtherInteraction {

    /** Position in the pact's interaction (or message) array. */
    int index();

    /** The consumer's description; empty when the pact has none. */
    String description();

    /** The pact's {@code _id} for this interaction, or {@code null}. */
    String pactId();
}
