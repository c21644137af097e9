package dev.covenant.registry.environments;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.storage.ReadCaches;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.stereotype.Service;
import org.springframework.util.IdGenerator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Environments, and what is deployed or released in them. The query methods are the public surface other
 * features (can-i-deploy, pacts for verification) build on; every one is a few {@code _id} lookups.
 */
@Service
public class Environments {

    /** Point lookups in flight at once when reading the states of many applications or environments. */
    private static final int LOOKUP_CONCURRENCY = 8;

    private final EnvironmentStore store;
    private final DeploymentStore deployments;
    private final Clock clock;
    private final IdGenerator ids;

    Environments(MongoDatabase database, Clock clock, ReadCaches caches, IdGenerator ids) {
        this.store = new EnvironmentStore(database, caches);
        this.deployments = new DeploymentStore(database, caches);
        this.clock = clock;
        this.ids = ids;
    }

    IdGenerator ids() {
        return ids;
    }

    EnvironmentStore store() {
        return store;
    }

    DeploymentStore deployments() {
        return deployments;
    }

    /** All environments, ordered by display name. */
    public Flux<Environment> all() {
        return store.all()
                .map(Environments::environment)
                .sort(Comparator.comparing((Environment environment) -> environment.displayName().toLowerCase())
                        .thenComparing(Environment::name));
    }

    public Mono<Environment> byUuid(String uuid) {
        return store.find(uuid).map(Environments::environment);
    }

    public Mono<Environment> byName(String name) {
        return store.findByName(name).map(Environments::environment);
    }

    Mono<Environment> require(String uuid) {
        return byUuid(uuid).switchIfEmpty(Mono.error(() -> new NotFoundException("No environment with uuid '" + uuid + "'")));
    }

    /** What is deployed in the environment now, one entry per application and instance. */
    public Flux<Deployment> currentlyDeployed(String environmentUuid) {
        return store.find(environmentUuid)
                .flatMapMany(document -> states(document)
                        .concatMap(state -> Flux.fromIterable(state.deployed())
                                .map(entry -> deployment(state, document.getString("name"), entry, true))));
    }

    /**
     * What of the application is deployed in the named environment now (one entry per instance); empty for an
     * unknown name.
     */
    public Flux<Deployment> currentlyDeployed(String application, String environmentName) {
        return byName(environmentName)
                .flatMapMany(environment -> deployments.state(environment.uuid(), application)
                        .flatMapIterable(state -> state.deployed().stream()
                                .map(entry -> deployment(state, environment.name(), entry, true))
                                .toList()));
    }

    /** The releases still supported in the environment, in release order per application. */
    public Flux<Release> currentlyReleased(String environmentUuid) {
        return store.find(environmentUuid)
                .flatMapMany(document -> states(document)
                        .concatMap(state -> Flux.fromIterable(state.supported())
                                .map(entry -> release(state, document.getString("name"), entry))));
    }

    /** The application's releases still supported in the named environment; empty for an unknown name. */
    public Flux<Release> currentlyReleased(String application, String environmentName) {
        return byName(environmentName)
                .flatMapMany(environment -> deployments.state(environment.uuid(), application)
                        .flatMapIterable(state -> state.supported().stream()
                                .map(entry -> release(state, environment.name(), entry))
                                .toList()));
    }

    /** Every version of the application currently deployed, or released and supported, in any environment. */
    public Flux<EnvironmentVersion> deployedOrReleased(String application) {
        return all()
                .flatMapSequential(environment -> deployments.state(environment.uuid(), application)
                        .flatMapIterable(state -> inEnvironment(state, environment.name())), LOOKUP_CONCURRENCY);
    }

    /**
     * The application's versions currently deployed or supported in the named environment (what can-i-deploy
     * checks against); empty for an unknown name.
     */
    public Flux<EnvironmentVersion> deployedOrReleased(String application, String environmentName) {
        return byName(environmentName)
                .flatMapMany(environment -> deployments.state(environment.uuid(), application)
                        .flatMapIterable(state -> inEnvironment(state, environment.name())));
    }

    /** The state of every application listed in the environment, looked up a few at a time, in listing order. */
    private Flux<DeploymentState> states(Document environment) {
        String uuid = environment.getString("_id");
        return Flux.fromIterable(applications(environment))
                .flatMapSequential(application -> deployments.state(uuid, application), LOOKUP_CONCURRENCY);
    }

    Mono<Environment> create(EnvironmentRequest request) {
        Environment environment = new Environment(ids.generateId().toString(), request.name(),
                displayName(request), request.production(), request.contacts(), now(), null);
        return requireNameFree(request.name(), environment.uuid())
                .then(store.insert(environment))
                .map(Environments::environment)
                .onErrorMap(MongoErrors::isDuplicateKey, e -> nameTaken(request.name()));
    }

    Mono<Environment> replace(String uuid, EnvironmentRequest request) {
        return require(uuid)
                .flatMap(existing -> requireNameFree(request.name(), uuid).thenReturn(existing))
                .flatMap(existing -> store.replace(new Environment(uuid, request.name(), displayName(request),
                        request.production(), request.contacts(), existing.createdAt(), now())))
                .map(Environments::environment)
                .onErrorMap(MongoErrors::isDuplicateKey, e -> nameTaken(request.name()));
    }

    /** Deletes the environment and the current state of everything in it. */
    Mono<Void> delete(String uuid) {
        return store.find(uuid)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No environment with uuid '" + uuid + "'")))
                .flatMapMany(document -> Flux.fromIterable(applications(document)))
                .concatMap(application -> deployments.deleteState(uuid, application))
                .then(store.delete(uuid))
                .then();
    }

    static Deployment deployment(DeploymentState state, String environmentName, DeploymentState.Entry entry,
            boolean current) {
        return new Deployment(entry.uuid(), state.application(), entry.version(), state.environmentUuid(),
                environmentName, entry.instance(), entry.createdAt(), entry.endedAt(), current);
    }

    static Release release(DeploymentState state, String environmentName, DeploymentState.Entry entry) {
        return new Release(entry.uuid(), state.application(), entry.version(), state.environmentUuid(),
                environmentName, entry.createdAt(), entry.endedAt());
    }

    private static List<EnvironmentVersion> inEnvironment(DeploymentState state, String environmentName) {
        List<EnvironmentVersion> deployed = state.deployed().stream()
                .<EnvironmentVersion>map(entry -> deployment(state, environmentName, entry, true))
                .toList();
        List<EnvironmentVersion> released = state.supported().stream()
                .<EnvironmentVersion>map(entry -> release(state, environmentName, entry))
                .toList();
        return Stream.concat(deployed.stream(), released.stream()).toList();
    }

    /** Checked up front for a clean answer; the unique index still decides a race. */
    private Mono<Void> requireNameFree(String name, String uuid) {
        return store.findByName(name)
                .filter(other -> !other.getString("_id").equals(uuid))
                .flatMap(other -> Mono.<Void>error(nameTaken(name)));
    }

    private static InvalidRequestException nameTaken(String name) {
        return new InvalidRequestException("name", "Another environment with name '" + name + "' already exists.");
    }

    private static String displayName(EnvironmentRequest request) {
        return request.displayName() == null || request.displayName().isBlank()
                ? EnvironmentRequest.displayNameOf(request.name()) : request.displayName();
    }

    private static List<String> applications(Document document) {
        return document.getList("applications", String.class, List.of());
    }

    @SuppressWarnings("unchecked")
    static Environment environment(Document document) {
        List<Environment.Contact> contacts = document.getList("contacts", Document.class, List.of()).stream()
                .map(contact -> new Environment.Contact(contact.getString("name"),
                        (Map<String, Object>) contact.get("details")))
                .toList();
        Date updated = document.getDate("updatedAt");
        return new Environment(document.getString("_id"), document.getString("name"),
                document.getString("displayName"), Boolean.TRUE.equals(document.getBoolean("production")), contacts,
                document.getDate("createdAt").toInstant(), updated == null ? null : updated.toInstant());
    }

    /** Stored dates have millisecond precision; answers use the same, so a record reads back as it was returned. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
