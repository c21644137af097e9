package dev.covenant.registry.pacticipants;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.HistoryIndex;
import dev.covenant.registry.storage.ReadCaches;
import dev.covenant.registry.storage.Sequences;
import dev.covenant.registry.system.Names;
import dev.covenant.registry.system.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applications and their versions, branches and tags. Every write is idempotent: creating what exists returns
 * it, adding a branch or tag that is there changes nothing.
 */
@Service
public class Pacticipants {

    /** Branch names that make a branch an application's main branch when none is set. */
    static final Set<String> MAIN_BRANCH_CANDIDATES = Set.of("main", "master", "develop");

    private final PacticipantStore store;
    private final ObjectProvider<VersionListener> listeners;

    Pacticipants(MongoDatabase database, Sequences sequences, Clock clock, ObjectProvider<VersionListener> listeners,
            ReadCaches caches, HistoryIndex history) {
        this.store = new PacticipantStore(database, sequences, clock, caches, history);
        this.listeners = listeners;
    }

    PacticipantStore store() {
        return store;
    }

    /** The application, created if it does not exist. */
    public Mono<Application> ensureApplication(String name) {
        return Mono.fromCallable(() -> requireName("pacticipant", name))
                .flatMap(valid -> store.findApplication(valid).switchIfEmpty(store.upsertApplication(valid, null)))
                .map(Application::from);
    }

    /** Creates or updates an application's explicit attributes. */
    public Mono<Application> saveApplication(String name, ApplicationUpdate update) {
        return Mono.fromCallable(() -> requireName("name", name))
                .flatMap(valid -> store.upsertApplication(valid, setters(update)))
                .map(Application::from);
    }

    /**
     * The application, created if missing, with {@code team} as its team unless it already has one: the first
     * team to publish for an application without a team owns it. Emits the application as stored afterwards.
     */
    public Mono<Application> claimApplication(String name, String team) {
        return ensureApplication(name)
                .filter(application -> application.team() == null)
                .flatMap(unowned -> store.setTeamIfMissing(name, team))
                .then(requireApplication(name));
    }

    /** Assigns an application (created if missing) to a team, or to no team when {@code team} is null. */
    public Mono<Application> assignTeam(String application, String team) {
        return Mono.fromCallable(() -> requireName("application", application))
                .flatMap(valid -> store.upsertApplication(valid,
                        team == null ? Updates.unset("team") : Updates.set("team", team)))
                .map(Application::from);
    }

    public Mono<Application> application(String name) {
        return store.findApplication(name).map(Application::from);
    }

    public Mono<Application> requireApplication(String name) {
        return application(name).switchIfEmpty(Mono.error(() -> new NotFoundException("No application named '" + name + "'")));
    }

    public Flux<Application> applications() {
        return store.allApplications().map(Application::from);
    }

    /**
     * Ensures the version exists with the given branch, tags and build URL added (never removed).
     * Creates the application too.
     */
    public Mono<Version> ensureVersion(String application, String number, String branch, List<String> tags,
            String buildUrl) {
        return Mono.fromRunnable(() -> validateVersion(number, branch, tags))
                .then(ensureApplication(application))
                .then(store.insertVersion(application, number, buildUrl))
                .flatMap(created -> buildUrl == null ? Mono.just(created)
                        : store.setBuildUrlIfMissing(application, number, buildUrl))
                .map(Version::from)
                .flatMap(version -> branch == null ? Mono.just(version) : addBranch(version, branch))
                .flatMap(version -> Flux.fromIterable(tags == null ? List.<String>of() : tags)
                        .concatMap(tag -> addTag(application, number, tag))
                        .last(version));
    }

    public Mono<Version> version(String application, String number) {
        return store.findVersion(application, number).map(Version::from);
    }

    public Mono<Version> requireVersion(String application, String number) {
        return version(application, number).switchIfEmpty(Mono.error(() -> new NotFoundException(
                "No version '" + number + "' of application '" + application + "'")));
    }

    /** Versions of an application, newest first. */
    public Flux<Version> versions(String application) {
        return store.versionsOf(application).map(Version::from);
    }

    /**
     * One page of an application's versions, newest first: at most {@code size}, older than the cursor
     * {@code before} (null: the newest). Reads the versions shown and not the others.
     */
    public Mono<VersionPage> versionPage(String application, Long before, int size) {
        return store.versionWindow(application, before, size)
                .map(window -> new VersionPage(newestFirst(window.records()), window.listed(), window.older()));
    }

    /**
     * Page {@code number} (from 1) of an application's versions in pages of {@code size}, newest first, as the Pact
     * Broker's API pages them; a page holds fewer where versions were removed. {@link VersionPage#older()} is null.
     */
    public Mono<VersionPage> versionPage(String application, long number, int size) {
        return store.versionPage(application, number, size)
                .map(window -> new VersionPage(newestFirst(window.records()), window.listed(), null));
    }

    /** A window's versions by creation order, newest first (the list's order, but for writes that raced). */
    private static List<Version> newestFirst(List<org.bson.Document> records) {
        return records.stream().map(Version::from)
                .sorted(java.util.Comparator.comparingLong(Version::order).reversed())
                .toList();
    }

    /**
     * A page of versions.
     *
     * @param listed versions ever listed for the application (removed ones included): an upper bound of the count
     * @param older  the cursor of the next older page, or null when this is the oldest
     */
    public record VersionPage(List<Version> versions, long listed, Long older) {
    }

    /**
     * The application's {@code size} most recently created branches and its main branch (when it has one and it is
     * not among them), reading only those; {@code more} tells whether older branches exist.
     */
    public Mono<BranchPage> newestBranches(String application, String mainBranch, int size) {
        return store.branchWindow(application, size)
                .flatMap(window -> {
                    List<Branch> newest = window.records().stream().map(Branch::from).toList();
                    boolean mainShown = mainBranch == null
                            || newest.stream().anyMatch(branch -> branch.name().equals(mainBranch));
                    Mono<List<Branch>> shown = mainShown ? Mono.just(newest)
                            : branch(application, mainBranch).map(main -> {
                                List<Branch> withMain = new ArrayList<>(newest);
                                withMain.add(main);
                                return withMain;
                            }).defaultIfEmpty(newest);
                    return shown.map(branches -> new BranchPage(branches, window.older() != null));
                });
    }

    /** Some branches of an application, and whether it has others. */
    public record BranchPage(List<Branch> branches, boolean more) {
    }

    /** The application's tags with the latest version of each, the most recently moved first. */
    public Flux<VersionHead> tags(String application) {
        return store.tagHeadsOf(application)
                .map(document -> new VersionHead(VersionHead.Kind.TAG, application, document.getString("tag"),
                        document.getString("latestVersion")));
    }

    /** The latest version, or the latest with a tag when {@code tag} is given. */
    public Mono<Version> latestVersion(String application, String tag) {
        Mono<String> number = tag == null
                ? store.findApplication(application).mapNotNull(document -> document.getString("latestVersion"))
                : store.findTagHead(application, tag).map(document -> document.getString("latestVersion"));
        return number.flatMap(found -> version(application, found));
    }

    public Mono<Version> latestOnBranch(String application, String branch) {
        return store.findBranch(application, branch)
                .flatMap(document -> version(application, document.getString("latestVersion")));
    }

    /** Tags a version, creating the application and version if needed. */
    public Mono<Version> addTag(String application, String number, String tag) {
        return Mono.fromCallable(() -> requireName("tag", tag))
                .then(ensureVersion(application, number, null, null, null))
                .flatMap(version -> store.addToVersion(application, number, "tags", tag)
                        .flatMap(updated -> store.moveTagHead(application, tag, number, version.order()).thenReturn(updated)))
                .map(Version::from)
                .flatMap(tagged -> Flux.fromStream(listeners.orderedStream())
                        .concatMap(listener -> listener.onTag(tagged, tag))
                        .then(Mono.just(tagged)));
    }

    /** Labels an application, creating it if needed (as the Pact Broker does); emits it as stored afterwards. */
    public Mono<Application> addLabel(String application, String label) {
        return Mono.fromCallable(() -> requireName("label", label))
                .then(ensureApplication(application))
                .flatMap(found -> store.label(application, label, true))
                .then(requireApplication(application));
    }

    /** Removes a label; a missing application or label is a 404. */
    public Mono<Void> removeLabel(String application, String label) {
        return requireApplication(application)
                .filter(found -> found.labels().contains(label))
                .switchIfEmpty(Mono.error(() -> new NotFoundException(
                        "No label '" + label + "' on application '" + application + "'")))
                .flatMap(found -> store.label(application, label, false))
                .then();
    }

    /** Applications with the label (a scan: labels are rare and listed rarely). */
    public Flux<Application> labelled(String label) {
        return applications().filter(application -> application.labels().contains(label));
    }

    /** Puts a version on a branch, creating the application and version if needed. */
    public Mono<Version> addBranchVersion(String application, String branch, String number) {
        return ensureVersion(application, number, branch, null, null);
    }

    private Mono<Version> addBranch(Version version, String branch) {
        String application = version.application();
        return store.addToVersion(application, version.number(), "branches", branch)
                .flatMap(updated -> store.moveBranchHead(application, branch, version.number(), version.order())
                        .then(MAIN_BRANCH_CANDIDATES.contains(branch)
                                ? store.setMainBranchIfMissing(application, branch) : Mono.empty())
                        .thenReturn(updated))
                .map(Version::from)
                .flatMap(updated -> Flux.fromStream(listeners.orderedStream())
                        .concatMap(listener -> listener.onBranch(updated, branch))
                        .then(Mono.just(updated)));
    }

    /** Every "latest" pointer of every application, branch and tag (a scan, for retention). */
    public Flux<VersionHead> heads() {
        return store.heads();
    }

    /**
     * Removes a version record (retention); what refers to it (pacts, verifications) is removed by its owner
     * first. Emits whether it existed.
     */
    public Mono<Boolean> removeVersion(String application, String number) {
        return store.deleteVersion(application, number);
    }

    public Flux<Branch> branches(String application) {
        return store.branchesOf(application).map(Branch::from);
    }

    public Mono<Branch> branch(String application, String name) {
        return store.findBranch(application, name).map(Branch::from);
    }

    /** Removes a branch (versions stay, they just leave the branch). */
    public Mono<Void> deleteBranch(String application, String name) {
        return branch(application, name)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No branch '" + name + "' of application '" + application + "'")))
                .thenMany(Flux.fromStream(listeners.orderedStream()))
                .concatMap(listener -> listener.onBranchDeleted(application, name))
                .then(store.deleteBranch(application, name));
    }

    private static Bson setters(ApplicationUpdate update) {
        List<Bson> sets = new ArrayList<>();
        if (update.displayName() != null) {
            sets.add(Updates.set("displayName", update.displayName()));
        }
        if (update.team() != null) {
            sets.add(Updates.set("team", update.team()));
        }
        if (update.repositoryUrl() != null) {
            sets.add(Updates.set("repositoryUrl", update.repositoryUrl()));
        }
        if (update.mainBranch() != null) {
            sets.add(Updates.set("mainBranch", requireName("mainBranch", update.mainBranch())));
        }
        return sets.isEmpty() ? null : Updates.combine(sets);
    }

    /**
     * Fails with an {@code InvalidRequestException} unless the version number, branch and tags (either may be null) are
     * valid names: what {@link #ensureVersion} checks first, for write paths that must validate before they authorise.
     */
    public static void validateVersion(String number, String branch, List<String> tags) {
        requireName("version", number);
        if (branch != null) {
            requireName("branch", branch);
        }
        if (tags != null) {
            tags.forEach(tag -> requireName("tags", tag));
        }
    }

    /** The registry's name rule ({@link Names#require}), kept here for the callers that read it as an application's. */
    public static String requireName(String field, String value) {
        return Names.require(field, value);
    }
}
