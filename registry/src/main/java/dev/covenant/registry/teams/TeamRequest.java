package dev.covenant.registry.teams;

import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The body of {@code PUT /teams/{team}}: everything optional, absent lists mean empty. */
public record TeamRequest(String displayName, List<Team.Contact> contacts, List<String> applications) {

    static final int MAX_CONTACTS = 100;
    static final int MAX_APPLICATIONS = 10_000;

    static TeamRequest parse(JsonNode body) {
        String displayName = JsonBodies.optionalString(body, "displayName");
        List<Team.Contact> contacts = new ArrayList<>();
        for (JsonNode contact : array(body, "contacts", MAX_CONTACTS)) {
            if (!contact.isObject()) {
                throw new InvalidRequestException("contacts", "each contact must be an object with a name");
            }
            String name = JsonBodies.optionalString(contact, "name");
            if (name == null || name.isBlank()) {
                throw new InvalidRequestException("contacts", "each contact needs a name");
            }
            contacts.add(new Team.Contact(name, JsonBodies.optionalString(contact, "email"),
                    JsonBodies.optionalString(contact, "slack")));
        }
        LinkedHashSet<String> applications = new LinkedHashSet<>();
        for (JsonNode application : array(body, "applications", MAX_APPLICATIONS)) {
            if (!application.isString()) {
                throw new InvalidRequestException("applications", "must be a list of application names");
            }
            applications.add(Names.require("applications", application.asString()));
        }
        return new TeamRequest(displayName, List.copyOf(contacts), List.copyOf(applications));
    }

    private static Iterable<JsonNode> array(JsonNode body, String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidRequestException(field, field + " must be a list");
        }
        if (value.size() > max) {
            throw new InvalidRequestException(field, field + " must have at most " + max + " entries");
        }
        return value;
    }
}
