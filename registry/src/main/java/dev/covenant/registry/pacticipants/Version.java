package dev.covenant.registry.pacticipants;

import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * One version of an application.
 *
 * @param order    global creation order; "latest" means the highest
 * @param branches the branches this version is on, in the order they were added
 * @param tags     its tags, in the order they were added
 */
public record Version(String application, String number, long order, String buildUrl, Instant createdAt,
        List<String> branches, List<String> tags) {

    static String id(String application, String number) {
        return application + "|" + number;
    }

    static Version from(Document document) {
        return new Version(document.getString("app"), document.getString("number"),
                ((Number) document.get("order")).longValue(), document.getString("buildUrl"),
                Dates.instant(document, "createdAt"), document.getList("branches", String.class, List.of()),
                document.getList("tags", String.class, List.of()));
    }
}
