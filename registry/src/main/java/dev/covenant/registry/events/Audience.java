package dev.covenant.registry.events;

import java.util.List;

/**
 * One team a change concerns: which of its applications, in which role ({@code consumer}, {@code provider},
 * {@code required-reviewer}, {@code informed}, {@code proposer}) and what concerns it.
 */
public record Audience(String application, String team, String role, List<Concern> failures) {

    public Audience {
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /**
     * A failure or finding that concerns the team: a pact interaction that no longer holds (interaction, code) or a
     * breaking finding of a proposal (fingerprint). Fields that do not apply are null.
     */
    public record Concern(String interaction, String operation, String field, String code, String ruleId,
            String message, String fingerprint) {
    }
}
