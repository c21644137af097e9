package dev.covenant.registry.environments;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A place applications are deployed or released to (the Pact Broker's environment).
 *
 * @param uuid     random, stable identifier used in URLs
 * @param name     unique, without spaces, as used in deployment scripts
 * @param contacts the people or teams responsible, each with free-form details
 */
public record Environment(String uuid, String name, String displayName, boolean production, List<Contact> contacts,
        Instant createdAt, Instant updatedAt) {

    public Environment {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    /** Someone responsible for an environment; {@code details} is free-form JSON (e.g. emailAddress). */
    public record Contact(String name, Map<String, Object> details) {
    }
}
