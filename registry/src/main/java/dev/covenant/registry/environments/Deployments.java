package dev.covenant.registry.environments;

import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.EventPayload;
import dev.covenant.registry.pacticipants.ApplicationOwnership;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.system.ConflictException;
import dev.covenant.registry.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Records deployments and releases. Each write reads the head state, decides, and replaces the state only if
 * nobody changed it meanwhile (otherwise it starts again), so concurrent and repeated requests converge:
 * recording what is already recorded returns the existing record. Writes are ordered so that a crash at any
 * step leaves nothing a reader can see half done: the application is listed in the environment first, then
 * the record is stored, then the state is switched to it.
 */
@Service
class Deployments {

    private static final int MAX_ATTEMPTS = 20;

    private final Environments environments;
    private final Pacticipants pacticipants;
    private final ApplicationOwnership ownership;
    private final DeploymentStore store;
    private final Clock clock;
    private final EventLog events;

    Deployments(Environments environments, Pacticipants pacticipants, Clock clock, EventLog events,
            ApplicationOwnership ownership) {
        this.ownership = ownership;
        this.events = events;
        this.environments = environments;
        this.pacticipants = pacticipants;
        this.store = environments.deployments();
        this.clock = clock;
    }

    /** A record and whether this request created it. */
    record Recorded<T>(T value, boolean created) {
    }

    /** Deploys the version to the environment (and instance), undeploying what was deployed there before. */
    Mono<Deployment> recordDeployment(String application, String number, String environmentUuid, String instance) {
        return environments.require(environmentUuid)
                .zipWith(pacticipants.requireVersion(application, number))
                .flatMap(found -> ownership.requireCallerMayWrite(application).thenReturn(found))
                .flatMap(found -> Mono.defer(() -> deploy(found.getT1(), found.getT2(), instance))
                        .retryWhen(staleStateRetry()))
                .flatMap(deployment -> events.record(Event.of(application, number,
                                new EventPayload.DeploymentRecorded(deployment.environmentName(),
                                        deployment.environmentUuid(), instance),
                                deployment.uuid()))
                        .thenReturn(deployment));
    }


    private Mono<Deployment> deploy(Environment environment, Version version, String instance) {
        return store.state(environment.uuid(), version.application())
                .flatMap(state -> state.deployedTo(instance)
                        .filter(current -> current.version().equals(version.number()))
                        .map(current -> Mono.just(Environments.deployment(state, environment.name(), current, true)))
                        .orElseGet(() -> replaceDeployment(state, environment, version, instance)));
    }

    private Mono<Deployment> replaceDeployment(DeploymentState state, Environment environment, Version version,
            String instance) {
        DeploymentState.Entry entry = new DeploymentState.Entry(environments.ids().generateId().toString(), version.number(),
                instance, now(), null);
        DeploymentState next = state.deploy(entry);
        return environments.store().addApplication(environment.uuid(), version.application())
                .then(store.insertDeployment(environment.uuid(), version.application(), entry))
                .then(store.replace(state, next))
                .flatMap(saved -> saved
                        ? markReplacedUndeployed(state, instance)
                        : store.deleteDeployment(entry.uuid()).then(Mono.error(new StaleState())))
                .thenReturn(Environments.deployment(next, environment.name(), entry, true));
    }

    /** History only: the state already says what is current, so a crash before this loses nothing that matters. */
    private Mono<Void> markReplacedUndeployed(DeploymentState previous, String instance) {
        return Mono.justOrEmpty(previous.deployedTo(instance))
                .flatMap(replaced -> store.markUndeployed(replaced.uuid(), now()));
    }

    Mono<Deployment> deployment(String uuid) {
        return store.findDeployment(uuid)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No deployed version with uuid '" + uuid + "'")))
                .flatMap(this::deploymentView);
    }

    /** Marks the deployment undeployed; undeploying what is not deployed changes nothing. */
    Mono<Deployment> undeploy(String uuid) {
        return store.findDeployment(uuid)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No deployed version with uuid '" + uuid + "'")))
                .flatMap(record -> ownership.requireCallerMayWrite(record.getString("app")).thenReturn(record))
                .flatMap(record -> Mono.defer(() -> undeploy(record))
                        .retryWhen(staleStateRetry()))
                .flatMap(this::recordUndeployed);
    }

    /** Search and the other read models follow which versions run: they hear that this one stopped. */
    private Mono<Deployment> recordUndeployed(Deployment deployment) {
        return events.record(Event.of(deployment.application(), deployment.version(),
                        new EventPayload.DeploymentEnded(deployment.environmentName(), deployment.environmentUuid(),
                                deployment.applicationInstance()),
                        deployment.uuid()))
                .thenReturn(deployment);
    }

    private Mono<Deployment> undeploy(Document record) {
        String uuid = record.getString("_id");
        return store.state(record.getString("env"), record.getString("app"))
                .flatMap(state -> state.deployment(uuid).isEmpty() ? Mono.just(true)
                        : store.replace(state, state.undeploy(uuid)))
                .flatMap(saved -> saved ? store.markUndeployed(uuid, now()) : Mono.error(new StaleState()))
                .then(store.findDeployment(uuid))
                .flatMap(this::deploymentView);
    }

    private Mono<Deployment> deploymentView(Document record) {
        String environmentUuid = record.getString("env");
        String application = record.getString("app");
        String uuid = record.getString("_id");
        return environments.require(environmentUuid)
                .zipWith(store.state(environmentUuid, application))
                .map(found -> new Deployment(uuid, application, record.getString("version"), environmentUuid,
                        found.getT1().name(), record.getString("instance"), record.getDate("createdAt").toInstant(),
                        undeployedAt(record), found.getT2().deployment(uuid).isPresent()));
    }

    /** Releases the version to the environment; releasing it again resumes support if it had ended. */
    Mono<Recorded<Release>> recordRelease(String application, String number, String environmentUuid) {
        return environments.require(environmentUuid)
                .zipWith(pacticipants.requireVersion(application, number))
                .flatMap(found -> ownership.requireCallerMayWrite(application).thenReturn(found))
                .flatMap(found -> Mono.defer(() -> release(found.getT1(), found.getT2()))
                        .retryWhen(staleStateRetry())
                        .flatMap(recorded -> events.record(Event.of(application, number,
                                        new EventPayload.ReleaseRecorded(found.getT1().name(), found.getT1().uuid()),
                                        found.getT1().uuid()))
                                .thenReturn(recorded)));
    }

    private Mono<Recorded<Release>> release(Environment environment, Version version) {
        return store.state(environment.uuid(), version.application())
                .flatMap(state -> state.releaseOf(version.number())
                        .map(existing -> resumeSupport(state, environment, existing))
                        .orElseGet(() -> newRelease(state, environment, version)));
    }

    private Mono<Recorded<Release>> resumeSupport(DeploymentState state, Environment environment,
            DeploymentState.Entry existing) {
        if (existing.endedAt() == null) {
            return Mono.just(new Recorded<>(Environments.release(state, environment.name(), existing), false));
        }
        DeploymentState.Entry resumed = new DeploymentState.Entry(existing.uuid(), existing.version(), null,
                existing.createdAt(), null);
        return saveRelease(state, state.putRelease(resumed), environment, resumed, false);
    }

    private Mono<Recorded<Release>> newRelease(DeploymentState state, Environment environment, Version version) {
        DeploymentState.Entry entry = new DeploymentState.Entry(environments.ids().generateId().toString(), version.number(), null,
                now(), null);
        return environments.store().addApplication(environment.uuid(), version.application())
                .then(store.insertRelease(environment.uuid(), version.application(), entry))
                .then(saveRelease(state, state.putRelease(entry), environment, entry, true))
                .onErrorResume(StaleState.class, e -> store.deleteRelease(entry.uuid()).then(Mono.error(e)));
    }

    private Mono<Recorded<Release>> saveRelease(DeploymentState state, DeploymentState next, Environment environment,
            DeploymentState.Entry entry, boolean created) {
        return store.replace(state, next)
                .flatMap(saved -> saved ? Mono.<Void>empty() : Mono.error(new StaleState()))
                .thenReturn(new Recorded<>(Environments.release(next, environment.name(), entry), created));
    }

    Mono<Release> release(String uuid) {
        return store.findRelease(uuid)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No released version with uuid '" + uuid + "'")))
                .flatMap(record -> releaseView(record.getString("env"), record.getString("app"), uuid));
    }

    /** Records that the release is no longer supported; ending it again changes nothing. */
    Mono<Release> endSupport(String uuid) {
        return store.findRelease(uuid)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No released version with uuid '" + uuid + "'")))
                .flatMap(record -> ownership.requireCallerMayWrite(record.getString("app")).thenReturn(record))
                .flatMap(record -> Mono.defer(() -> endSupport(record.getString("env"), record.getString("app"), uuid))
                        .retryWhen(staleStateRetry()))
                .flatMap(this::recordSupportEnded);
    }

    /**
     * As {@link #recordUndeployed}, for a release; the event's id names the moment support ended, so ending it again
     * after a resumed support is a new event, and ending it twice is one.
     */
    private Mono<Release> recordSupportEnded(Release release) {
        return events.record(Event.of(release.application(), release.version(),
                        new EventPayload.ReleaseSupportEnded(release.environmentName(), release.environmentUuid()),
                        release.uuid(), String.valueOf(release.supportEndedAt())))
                .thenReturn(release);
    }

    private Mono<Release> endSupport(String environmentUuid, String application, String uuid) {
        return store.state(environmentUuid, application)
                .flatMap(state -> state.release(uuid)
                        .filter(entry -> entry.endedAt() == null)
                        .map(entry -> store.replace(state, state.putRelease(new DeploymentState.Entry(entry.uuid(),
                                entry.version(), null, entry.createdAt(), now()))))
                        .orElseGet(() -> Mono.just(true)))
                .flatMap(saved -> saved ? Mono.<Void>empty() : Mono.error(new StaleState()))
                .then(releaseView(environmentUuid, application, uuid));
    }

    private Mono<Release> releaseView(String environmentUuid, String application, String uuid) {
        return environments.require(environmentUuid)
                .zipWith(store.state(environmentUuid, application))
                .flatMap(found -> Mono.justOrEmpty(found.getT2().release(uuid)
                        .map(entry -> Environments.release(found.getT2(), found.getT1().name(), entry))))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No released version with uuid '" + uuid + "'")));
    }

    private static Instant undeployedAt(Document record) {
        return record.getDate("undeployedAt") == null ? null : record.getDate("undeployedAt").toInstant();
    }

    private static Retry staleStateRetry() {
        return Retry.max(MAX_ATTEMPTS)
                .filter(StaleState.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> new ConflictException("environment",
                        "Too many concurrent changes to this environment; try again"));
    }

    /** The head state changed between reading and writing it. */
    private static final class StaleState extends RuntimeException {

        StaleState() {
            super(null, null, false, false);
        }
    }

    /** Stored dates have millisecond precision; answers use the same, so a record reads back as it was returned. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
