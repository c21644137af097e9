package dev.covenant.registry.environments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * The head document for one application in one environment: what is deployed there now (one entry per
 * application instance) and every release (with when its support ended). It is the source of truth for
 * "currently deployed" and "currently supported"; writers replace it with a revision guard.
 *
 * @param revision 0 when it is not stored yet
 */
record DeploymentState(String environmentUuid, String application, long revision, List<Entry> deployed,
        List<Entry> released) {

    /**
     * One deployment or release.
     *
     * @param instance the application instance (deployments only, may be null)
     * @param endedAt  when support ended (releases only); null while supported
     */
    record Entry(String uuid, String version, String instance, Instant createdAt, Instant endedAt) {

        Document toDocument() {
            return new Document("uuid", uuid)
                    .append("version", version)
                    .append("instance", instance)
                    .append("createdAt", Date.from(createdAt))
                    .append("endedAt", endedAt == null ? null : Date.from(endedAt));
        }

        static Entry from(Document document) {
            Date ended = document.getDate("endedAt");
            return new Entry(document.getString("uuid"), document.getString("version"),
                    document.getString("instance"), document.getDate("createdAt").toInstant(),
                    ended == null ? null : ended.toInstant());
        }
    }

    DeploymentState {
        deployed = List.copyOf(deployed);
        released = List.copyOf(released);
    }

    static String id(String environmentUuid, String application) {
        return environmentUuid + "|" + application;
    }

    static DeploymentState empty(String environmentUuid, String application) {
        return new DeploymentState(environmentUuid, application, 0, List.of(), List.of());
    }

    static DeploymentState from(Document document) {
        return new DeploymentState(document.getString("env"), document.getString("app"),
                ((Number) document.get("rev")).longValue(), entries(document, "deployed"), entries(document, "released"));
    }

    Document toDocument() {
        return new Document("_id", id(environmentUuid, application))
                .append("env", environmentUuid)
                .append("app", application)
                .append("rev", revision)
                .append("deployed", deployed.stream().map(Entry::toDocument).toList())
                .append("released", released.stream().map(Entry::toDocument).toList());
    }

    Optional<Entry> deployedTo(String instance) {
        return deployed.stream().filter(entry -> Objects.equals(entry.instance(), instance)).findFirst();
    }

    Optional<Entry> deployment(String uuid) {
        return deployed.stream().filter(entry -> entry.uuid().equals(uuid)).findFirst();
    }

    Optional<Entry> releaseOf(String version) {
        return released.stream().filter(entry -> entry.version().equals(version)).findFirst();
    }

    Optional<Entry> release(String uuid) {
        return released.stream().filter(entry -> entry.uuid().equals(uuid)).findFirst();
    }

    List<Entry> supported() {
        return released.stream().filter(entry -> entry.endedAt() == null).toList();
    }

    /** The entry becomes what is deployed to its instance, replacing what was there. */
    DeploymentState deploy(Entry entry) {
        List<Entry> next = new ArrayList<>(deployed.stream()
                .filter(existing -> !Objects.equals(existing.instance(), entry.instance()))
                .toList());
        next.add(entry);
        return new DeploymentState(environmentUuid, application, revision + 1, next, released);
    }

    DeploymentState undeploy(String uuid) {
        List<Entry> next = deployed.stream().filter(entry -> !entry.uuid().equals(uuid)).toList();
        return new DeploymentState(environmentUuid, application, revision + 1, next, released);
    }

    /** Adds the release, or replaces the one with the same uuid (to end or resume support). */
    DeploymentState putRelease(Entry entry) {
        List<Entry> next = new ArrayList<>(released.stream()
                .map(existing -> existing.uuid().equals(entry.uuid()) ? entry : existing)
                .toList());
        if (release(entry.uuid()).isEmpty()) {
            next.add(entry);
        }
        return new DeploymentState(environmentUuid, application, revision + 1, deployed, next);
    }

    private static List<Entry> entries(Document document, String field) {
        return document.getList(field, Document.class, List.of()).stream().map(Entry::from).toList();
    }
}
