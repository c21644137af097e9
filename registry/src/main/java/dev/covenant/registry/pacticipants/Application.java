package dev.covenant.registry.pacticipants;

import java.time.Instant;
import org.bson.Document;

/**
 * An application (the Pact Broker's "pacticipant"): a provider, a consumer, or both.
 *
 * @param latestVersion the most recently created version's number, or null before any
 */
public record Application(String name, String displayName, String team, String repositoryUrl, String mainBranch,
        Instant createdAt, Instant updatedAt, String latestVersion) {

    static Application from(Document document) {
        return new Application(document.getString("_id"), document.getString("displayName"),
                document.getString("team"), document.getString("repositoryUrl"), document.getString("mainBranch"),
                Dates.instant(document, "createdAt"), Dates.instant(document, "updatedAt"),
                document.getString("latestVersion"));
    }
}
