package dev.covenant.registry.pacticipants;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.HistoryIndex;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import dev.covenant.registry.storage.Sequences;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MongoDB access for applications, versions, branches and tags. Hot reads are {@code _id} point lookups on
 * natural keys; "latest" pointers are small head fields updated with an order guard, so concurrent writers
 * can only move them forward.
 */
final class PacticipantStore implements IndexDefinitions {

    /** Versions per window when every version is read newest first. */
    private static final int LAZY_WINDOW = 200;

    private final MongoCollection<Document> applications;
    private final MongoCollection<Document> versions;
    private final MongoCollection<Document> branches;
    private final MongoCollection<Document> tagHeads;
    private final Sequences sequences;
    private final Clock clock;
    private final ReadCache<String, Document> applicationCache;
    private final ReadCache<String, Document> versionCache;
    private final ReadCache<String, Document> branchCache;
    private final ReadCache<String, List<Document>> branchListCache;
    private final ReadCache<String, Document> tagHeadCache;
    private final HistoryIndex history;
    private final HistoryIndex.Kind versionsOfApplication;
    private final HistoryIndex.Kind branchesOfApplication;
    private final HistoryIndex.Kind tagsOfApplication;

    PacticipantStore(MongoDatabase database, Sequences sequences, Clock clock, ReadCaches caches,
            HistoryIndex history) {
        this.applications = database.getCollection("applications");
        this.versions = database.getCollection("versions");
        this.branches = database.getCollection("branches");
        this.tagHeads = database.getCollection("tag_heads");
        this.sequences = sequences;
        this.clock = clock;
        this.applicationCache = caches.mutable(10_000);
        this.versionCache = caches.mutable(50_000);
        this.branchCache = caches.mutable(20_000);
        this.branchListCache = caches.mutable(10_000);
        this.tagHeadCache = caches.mutable(20_000);
        this.history = history;
        this.versionsOfApplication = history.register("versions", "versions", List.of("app"),
                document -> document.getString("app"), "order");
        this.branchesOfApplication = history.register("branches", "branches", List.of("app"),
                document -> document.getString("app"));
        this.tagsOfApplication = history.register("tags", "tag_heads", List.of("app"),
                document -> document.getString("app"));
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(
                "versions", List.of(new IndexModel(Indexes.ascending("app", "order"))),
                "branches", List.of(new IndexModel(Indexes.ascending("app"))));
    }

    Mono<Document> upsertApplication(String name, Bson set) {
        Date now = Date.from(clock.instant());
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.setOnInsert("createdAt", now));
        if (set != null) {
            updates.add(set);
            updates.add(Updates.set("updatedAt", now));
        }
        return applicationCache.writing(name, Mono.from(applications.findOneAndUpdate(eq("_id", name),
                        Updates.combine(updates),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> findApplication(name));
    }

    Mono<Document> findApplication(String name) {
        return applicationCache.get(name, () -> Mono.from(applications.find(eq("_id", name)).first()));
    }

    Flux<Document> allApplications() {
        return Flux.from(applications.find().sort(Sorts.ascending("_id")));
    }

    /** Sets the team of an application that has none (a missing field or null); a team already set stays. */
    Mono<Void> setTeamIfMissing(String application, String team) {
        return applicationCache.writing(application, Mono.from(applications.updateOne(and(eq("_id", application),
                        or(exists("team", false), eq("team", null))), Updates.set("team", team))))
                .then();
    }

    /** Adds ({@code add}) or removes a label; emits whether the application exists. */
    Mono<Boolean> label(String application, String label, boolean add) {
        Bson update = add ? Updates.addToSet("labels", label) : Updates.pull("labels", label);
        return applicationCache.writing(application, Mono.from(applications.updateOne(eq("_id", application), update)))
                .map(result -> result.getMatchedCount() > 0);
    }

    Mono<Void> setMainBranchIfMissing(String application, String branch) {
        return applicationCache.writing(application, Mono.from(applications.updateOne(and(eq("_id", application),
                        or(exists("mainBranch", false), eq("mainBranch", null))), Updates.set("mainBranch", branch))))
                .then();
    }

    Mono<Document> findVersion(String application, String number) {
        String id = Version.id(application, number);
        return versionCache.get(id, () -> Mono.from(versions.find(eq("_id", id)).first()));
    }

    /** Inserts the version if it does not exist; returns the stored one either way. */
    Mono<Document> insertVersion(String application, String number, String buildUrl) {
        return findVersion(application, number)
                .switchIfEmpty(Mono.defer(() -> createVersion(application, number, buildUrl)));
    }

    private Mono<Document> createVersion(String application, String number, String buildUrl) {
        return sequences.next("version")
                .map(order -> new Document("_id", Version.id(application, number))
                        .append("app", application)
                        .append("number", number)
                        .append("order", order)
                        .append("buildUrl", buildUrl)
                        .append("createdAt", Date.from(clock.instant()))
                        .append("branches", List.of())
                        .append("tags", List.of()))
                .flatMap(document -> history.add(versionsOfApplication, application, document.getString("_id"))
                        .then(versionCache.writing(document.getString("_id"), Mono.from(versions.insertOne(document))))
                        .then(moveApplicationHead(application, number, document.getLong("order")))
                        .thenReturn(document))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> findVersion(application, number));
    }

    private Mono<Void> moveApplicationHead(String application, String number, long order) {
        return applicationCache.writing(application, Mono.from(applications.updateOne(
                        and(eq("_id", application), or(exists("latestOrder", false), lt("latestOrder", order))),
                        Updates.combine(Updates.set("latestVersion", number), Updates.set("latestOrder", order)))))
                .then();
    }

    Mono<Document> setBuildUrlIfMissing(String application, String number, String buildUrl) {
        String id = Version.id(application, number);
        return versionCache.writing(id, Mono.from(versions.findOneAndUpdate(and(eq("_id", id),
                        or(exists("buildUrl", false), eq("buildUrl", null))), Updates.set("buildUrl", buildUrl),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))))
                .switchIfEmpty(Mono.defer(() -> findVersion(application, number)));
    }

    Mono<Document> addToVersion(String application, String number, String field, String value) {
        String id = Version.id(application, number);
        return versionCache.writing(id, Mono.from(versions.findOneAndUpdate(eq("_id", id),
                Updates.addToSet(field, value), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
    }

    Mono<Void> moveBranchHead(String application, String branch, String number, long order) {
        Date now = Date.from(clock.instant());
        Bson guard = and(eq("_id", Branch.id(application, branch)),
                or(exists("latestOrder", false), lt("latestOrder", order)));
        Bson update = Updates.combine(Updates.setOnInsert("app", application), Updates.setOnInsert("name", branch),
                Updates.setOnInsert("createdAt", now), Updates.set("latestVersion", number),
                Updates.set("latestOrder", order));
        // a new branch joins the application's list before it exists (a crash in between leaves an id reads skip)
        Mono<Void> listed = findBranch(application, branch)
                .hasElement()
                .flatMap(exists -> exists ? Mono.<Void>empty()
                        : history.add(branchesOfApplication, application, Branch.id(application, branch)));
        return listed.then(branchCache.writing(Branch.id(application, branch),
                        Mono.from(branches.updateOne(guard, update, new UpdateOptions().upsert(true)))))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                .then(Mono.fromRunnable(() -> branchListCache.invalidate(application)));
    }

    Mono<Void> moveTagHead(String application, String tag, String number, long order) {
        Bson guard = and(eq("_id", application + "|" + tag), or(exists("latestOrder", false), lt("latestOrder", order)));
        Bson update = Updates.combine(Updates.setOnInsert("app", application), Updates.setOnInsert("tag", tag),
                Updates.set("latestVersion", number), Updates.set("latestOrder", order));
        // a new tag joins the application's list before its head exists, as a new branch does
        Mono<Void> listed = findTagHead(application, tag)
                .hasElement()
                .flatMap(exists -> exists ? Mono.<Void>empty()
                        : history.add(tagsOfApplication, application, application + "|" + tag));
        return listed.then(tagHeadCache.writing(application + "|" + tag,
                        Mono.from(tagHeads.updateOne(guard, update, new UpdateOptions().upsert(true)))))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                .then();
    }

    /** The application's tag heads, the most recently moved first: its tag list, then the heads by {@code _id}. */
    Flux<Document> tagHeadsOf(String application) {
        return history.records(tagsOfApplication, application)
                .filter(document -> application.equals(document.getString("app")))
                .sort(Comparator.comparingLong((Document document) -> ((Number) document.get("latestOrder")).longValue()).reversed());
    }

    Mono<Document> findTagHead(String application, String tag) {
        String id = application + "|" + tag;
        return tagHeadCache.get(id, () -> Mono.from(tagHeads.find(eq("_id", id)).first()));
    }

    Mono<Document> findBranch(String application, String branch) {
        String id = Branch.id(application, branch);
        return branchCache.get(id, () -> Mono.from(branches.find(eq("_id", id)).first()));
    }

    Flux<Document> branchesOf(String application) {
        return branchListCache.get(application, () -> history.records(branchesOfApplication, application)
                        .filter(document -> application.equals(document.getString("app")))
                        .sort(Comparator.comparing((Document document) -> document.getString("name")))
                        .collectList())
                .flatMapIterable(list -> list);
    }

    /**
     * Every version of an application, newest first (its history list's order), read lazily a window at a time:
     * a reader that takes the first few (the matrix's newest 100 of a selector) reads only the windows it needs.
     */
    Flux<Document> versionsOf(String application) {
        return history.newestFirst(versionsOfApplication, application, LAZY_WINDOW,
                document -> application.equals(document.getString("app")));
    }

    /** A window of an application's versions, newest first, older than {@code before} (null: the newest). */
    Mono<HistoryIndex.Window> versionWindow(String application, Long before, int size) {
        return history.newest(versionsOfApplication, application, before, size,
                document -> application.equals(document.getString("app")));
    }

    /** The application's most recently created branches, newest first: the end of its branch list. */
    Mono<HistoryIndex.Window> branchWindow(String application, int size) {
        return history.newest(branchesOfApplication, application, null, size,
                document -> application.equals(document.getString("app")));
    }

    /** Page {@code number} of an application's versions by position (the Pact Broker API's pages). */
    Mono<HistoryIndex.Window> versionPage(String application, long number, int size) {
        return history.page(versionsOfApplication, application, number, size,
                document -> application.equals(document.getString("app")));
    }

    Mono<Void> deleteBranch(String application, String branch) {
        return versionCache.writingAny(Mono.from(versions.updateMany(eq("app", application),
                        Updates.pull("branches", branch))))
                .then(branchCache.writing(Branch.id(application, branch),
                        Mono.from(branches.deleteOne(eq("_id", Branch.id(application, branch))))))
                .then(Mono.fromRunnable(() -> branchListCache.invalidate(application)));
    }

    /** Every "latest" pointer (applications, branches, tags): scans three small collections, for retention. */
    Flux<VersionHead> heads() {
        Flux<VersionHead> latest = Flux.from(applications.find(exists("latestVersion", true)))
                .map(document -> new VersionHead(VersionHead.Kind.APPLICATION, document.getString("_id"), null,
                        document.getString("latestVersion")));
        Flux<VersionHead> onBranches = Flux.from(branches.find())
                .map(document -> new VersionHead(VersionHead.Kind.BRANCH, document.getString("app"),
                        document.getString("name"), document.getString("latestVersion")));
        Flux<VersionHead> tagged = Flux.from(tagHeads.find())
                .map(document -> new VersionHead(VersionHead.Kind.TAG, document.getString("app"),
                        document.getString("tag"), document.getString("latestVersion")));
        return Flux.concat(latest, onBranches, tagged);
    }

    /** Removes one version document; emits whether it existed. */
    Mono<Boolean> deleteVersion(String application, String number) {
        String id = Version.id(application, number);
        return versionCache.writing(id, Mono.from(versions.deleteOne(eq("_id", id))))
                .map(result -> result.getDeletedCount() > 0);
    }
}
