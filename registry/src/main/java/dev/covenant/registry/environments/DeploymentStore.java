package dev.covenant.registry.environments;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * MongoDB access for deployments and releases. Each record is stored by its uuid (for
 * {@code /deployed-versions/{uuid}}); what is current lives in the {@link DeploymentState} head document of
 * its application and environment, which is only ever replaced when its revision is unchanged.
 */
final class DeploymentStore {

    private final MongoCollection<Document> states;
    private final MongoCollection<Document> deployments;
    private final MongoCollection<Document> releases;
    private final ReadCache<String, DeploymentState> stateCache;

    DeploymentStore(MongoDatabase database, ReadCaches caches) {
        this.states = database.getCollection("deployment_states");
        this.deployments = database.getCollection("deployed_versions");
        this.releases = database.getCollection("released_versions");
        this.stateCache = caches.mutable(50_000);
    }

    /** The state, or an empty one (revision 0) when nothing was ever recorded. */
    Mono<DeploymentState> state(String environmentUuid, String application) {
        String id = DeploymentState.id(environmentUuid, application);
        return stateCache.get(id, () -> Mono.from(states.find(eq("_id", id)).first()).map(DeploymentState::from))
                .defaultIfEmpty(DeploymentState.empty(environmentUuid, application));
    }

    /** Stores {@code next} if the stored state is still {@code previous}; false when someone else won. */
    Mono<Boolean> replace(DeploymentState previous, DeploymentState next) {
        String id = DeploymentState.id(previous.environmentUuid(), previous.application());
        if (previous.revision() == 0) {
            return stateCache.writing(id, Mono.from(states.insertOne(next.toDocument())))
                    .thenReturn(true)
                    .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false));
        }
        return stateCache.writing(id, Mono.from(states.replaceOne(and(eq("_id", id), eq("rev", previous.revision())),
                        next.toDocument())))
                .map(result -> result.getMatchedCount() == 1);
    }

    Mono<Void> deleteState(String environmentUuid, String application) {
        String id = DeploymentState.id(environmentUuid, application);
        return stateCache.writing(id, Mono.from(states.deleteOne(eq("_id", id))))
                .then();
    }

    Mono<Void> insertDeployment(String environmentUuid, String application, DeploymentState.Entry entry) {
        return Mono.from(deployments.insertOne(record(environmentUuid, application, entry)))
                .then();
    }

    Mono<Void> deleteDeployment(String uuid) {
        return Mono.from(deployments.deleteOne(eq("_id", uuid)))
                .then();
    }

    Mono<Document> findDeployment(String uuid) {
        return Mono.from(deployments.find(eq("_id", uuid)).first());
    }

    Mono<Void> markUndeployed(String uuid, Instant at) {
        return Mono.from(deployments.updateOne(and(eq("_id", uuid), eq("undeployedAt", null)),
                        Updates.set("undeployedAt", Date.from(at))))
                .then();
    }

    Mono<Void> insertRelease(String environmentUuid, String application, DeploymentState.Entry entry) {
        return Mono.from(releases.insertOne(record(environmentUuid, application, entry)))
                .then();
    }

    Mono<Void> deleteRelease(String uuid) {
        return Mono.from(releases.deleteOne(eq("_id", uuid)))
                .then();
    }

    Mono<Document> findRelease(String uuid) {
        return Mono.from(releases.find(eq("_id", uuid)).first());
    }

    private static Document record(String environmentUuid, String application, DeploymentState.Entry entry) {
        return new Document("_id", entry.uuid())
                .append("env", environmentUuid)
                .append("app", application)
                .append("version", entry.version())
                .append("instance", entry.instance())
                .append("createdAt", Date.from(entry.createdAt()))
                .append("undeployedAt", null);
    }
}
