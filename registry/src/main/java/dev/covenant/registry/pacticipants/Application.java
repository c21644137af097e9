package dev.covenant.registry.pacticipants;

import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * An application (the Pact Broker's "pacticipant"): a provider, a consumer, or both.
 *
 * @param latestVersion the most recently created version's number, or null before any
 * @param labels        the Pact Broker's pacticipant labels (webhooks can select pacticipants by label)
 */
public record Application(String name, String displayName, String team, String repositoryUrl, String mainBranch,
        Instant createdAt, Instant updatedAt, String latestVersion, List<String> labels) {

    public Application {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public Application(String name, String displayName, String team, String repositoryUrl, String mainBranch,
            Instant createdAt, Instant updatedAt, String latestVersion) {
        this(name, displayName, team, repositoryUrl, mainBranch, createdAt, updatedAt, latestVersion, List.of());
    }

    static Application from(Document document) {
        return new Application(document.getString("_id"), document.getString("displayName"),
                document.getString("team"), document.getString("repositoryUrl"), document.getString("mainBranch"),
                Dates.instant(document, "createdAt"), Dates.instant(document, "updatedAt"),
                document.getString("latestVersion"), document.getList("labels", String.class, List.of()));
    }
}
