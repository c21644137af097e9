package dev.covenant.contract.diff;

/**
 * A breaking finding of a compatibility check, with the earlier version it was found against.
 *
 * @param direction    BACKWARD: earlier version → candidate; FORWARD: candidate → earlier version
 * @param earlierIndex index of that version in the list given to the check (oldest first)
 * @param finding      the finding of that diff
 */
public record Violation(Direction direction, int earlierIndex, Finding finding) {

    /** Which way the pair was diffed. */
    public enum Direction {
        BACKWARD,
        FORWARD
    }
}
