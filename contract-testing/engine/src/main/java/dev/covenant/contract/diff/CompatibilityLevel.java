package dev.covenant.contract.diff;

/**
 * Compatibility levels as schema registries name them. Every level is made of one backward check:
 * forward swaps base and revision, transitive checks against every earlier version instead of the latest,
 * full does both directions.
 */
public enum CompatibilityLevel {
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true),
    NONE(false, false, false);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Clients of earlier versions must keep working against the candidate. */
    public boolean backward() {
        return backward;
    }

    /** Clients of the candidate must work against earlier versions. */
    public boolean forward() {
        return forward;
    }

    /** Checked against every earlier version, not only the latest. */
    public boolean transitive() {
        return transitive;
    }
}
