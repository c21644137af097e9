package dev.covenant.registry.pacticipants;

import java.time.Instant;
import org.bson.Document;

/** A branch of an application, with the latest version on it. */
public record Branch(String application, String name, Instant createdAt, String latestVersion) {

    static String id(String application, String name) {
        return application + "|" + name;
    }

    static Branch from(Document document) {
        return new Branch(document.getString("app"), document.getString("name"),
                Dates.instant(document, "createdAt"), document.getString("latestVersion"));
    }
}
