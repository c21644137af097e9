package dev.covenant.registry.proposals;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.system.NotFoundException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Proposals ({@code proposals}, {@code _id} = id, one document each, updated by compare-and-set on its
 * {@code version}) and the small head documents that list them per application and per team
 * ({@code proposal_heads}, {@code _id} = {@code app|name} or {@code team|name}): every read is a point lookup.
 */
@Component
class ProposalStore {

    /** A concurrent update won; the change is applied again to the newer document. */
    private static final class StaleWrite extends RuntimeException {
        StaleWrite() {
            super(null, null, false, false);
        }
    }

    /** The head listing every proposal. */
    static final String ALL = "all";

    private final MongoCollection<Document> proposals;
    private final MongoCollection<Document> heads;

    ProposalStore(MongoDatabase database) {
        this.proposals = database.getCollection("proposals");
        this.heads = database.getCollection("proposal_heads");
    }

    /** Stores a new proposal; an existing one with the same id (a retried request) is returned instead. */
    Mono<Proposal> insert(Proposal proposal) {
        return Mono.from(proposals.insertOne(proposal.toDocument()))
                .thenReturn(proposal)
                .onErrorResume(MongoErrors::isDuplicateKey, e -> require(proposal.id()));
    }

    Mono<Proposal> find(String id) {
        return Mono.from(proposals.find(eq("_id", id)).first()).map(Proposal::from);
    }

    Mono<Proposal> require(String id) {
        return find(id).switchIfEmpty(Mono.error(() -> new NotFoundException("No proposal with id '" + id + "'")));
    }

    /**
     * Applies a change to the stored proposal and writes it if the proposal did not change meanwhile (else reads
     * it again and re-applies). The change may throw to refuse; returning the same instance writes nothing.
     */
    Mono<Proposal> update(String id, UnaryOperator<Proposal> change) {
        return Mono.defer(() -> require(id).flatMap(current -> write(current, change.apply(current))))
                .retryWhen(Retry.max(20).filter(StaleWrite.class::isInstance));
    }

    private Mono<Proposal> write(Proposal current, Proposal changed) {
        if (changed == current) {
            return Mono.just(current);
        }
        Proposal next = new Proposal(changed.id(), changed.application(), changed.title(), changed.description(),
                changed.status(), changed.team(), changed.owner(), changed.named(), changed.revisions(),
                changed.reviewers(), changed.comments(), changed.requests(), changed.createdAt(), changed.closedAt(),
                current.version() + 1);
        return Mono.from(proposals.replaceOne(and(eq("_id", current.id()), eq("version", current.version())),
                        next.toDocument()))
                .flatMap(result -> result.getMatchedCount() == 1 ? Mono.just(next) : Mono.error(new StaleWrite()));
    }

    /** Lists the proposal under a key (idempotent). */
    Mono<Void> index(String key, String id) {
        return Mono.from(heads.updateOne(eq("_id", key), Updates.addToSet("ids", id), new UpdateOptions().upsert(true)))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.from(heads.updateOne(eq("_id", key),
                        Updates.addToSet("ids", id))).then(Mono.empty()))
                .then();
    }

    /** The proposals listed under a key, newest first. */
    Flux<Proposal> indexed(String key) {
        return Mono.from(heads.find(eq("_id", key)).first())
                .flatMapIterable(head -> newestFirst(head.getList("ids", String.class, List.of())))
                .concatMap(this::find);
    }

    private static List<String> newestFirst(List<String> ids) {
        List<String> reversed = new java.util.ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    static String applicationKey(String application) {
        return "app|" + application;
    }

    static String teamKey(String team) {
        return "team|" + team;
    }
}
