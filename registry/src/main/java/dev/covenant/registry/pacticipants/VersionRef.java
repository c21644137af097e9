package dev.covenant.registry.pacticipants;

/** An application version by name and number, as other features refer to it. */
public record VersionRef(String application, String number) {
}
