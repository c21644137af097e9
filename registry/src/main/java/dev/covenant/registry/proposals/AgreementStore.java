package dev.covenant.registry.proposals;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.checks.AgreedContracts;
import dev.covenant.registry.storage.MongoErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Each application's agreed contract and its history ({@code agreements}, {@code _id} = application): the latest
 * agreed proposal, every agreement before it, and the union of the fingerprints agreed, which the publish gate
 * reads with one point lookup. Recording the same agreement twice records it once.
 */
@Component
class AgreementStore implements AgreedContracts {

    /** One agreement: a proposal's revision that every required reviewer approved. */
    record Agreement(String proposalId, int revision, String title, String rawId, String sha256, String contentType,
            Instant agreedAt, List<String> teams, List<String> fingerprints) {

        Document toDocument() {
            return new Document("proposalId", proposalId).append("revision", revision).append("title", title)
                    .append("rawId", rawId).append("sha256", sha256).append("contentType", contentType)
                    .append("agreedAt", Date.from(agreedAt)).append("teams", teams).append("fingerprints", fingerprints);
        }

        static Agreement from(Document d) {
            return new Agreement(d.getString("proposalId"), d.getInteger("revision", 1), d.getString("title"),
                    d.getString("rawId"), d.getString("sha256"), d.getString("contentType"),
                    d.getDate("agreedAt").toInstant(), d.getList("teams", String.class, List.of()),
                    d.getList("fingerprints", String.class, List.of()));
        }
    }

    private static final class StaleWrite extends RuntimeException {
        StaleWrite() {
            super(null, null, false, false);
        }
    }

    private final MongoCollection<Document> agreements;

    AgreementStore(MongoDatabase database) {
        this.agreements = database.getCollection("agreements");
    }

    Mono<Void> record(String application, Agreement agreement) {
        return Mono.defer(() -> Mono.from(agreements.find(eq("_id", application)).first())
                        .map(java.util.Optional::of)
                        .defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(head -> head.isPresent() ? append(head.get(), agreement)
                                : create(application, agreement)))
                .retryWhen(Retry.max(20).filter(StaleWrite.class::isInstance));
    }

    private Mono<Void> create(String application, Agreement agreement) {
        Document head = new Document("_id", application).append("version", 1L)
                .append("history", List.of(agreement.toDocument()))
                .append("fingerprints", agreement.fingerprints());
        return Mono.from(agreements.insertOne(head))
                .onErrorMap(MongoErrors::isDuplicateKey, e -> new StaleWrite())
                .then();
    }

    private Mono<Void> append(Document head, Agreement agreement) {
        List<Agreement> history = history(head);
        if (history.stream().anyMatch(a -> a.proposalId().equals(agreement.proposalId()))) {
            return Mono.empty();
        }
        List<Document> all = new ArrayList<>(history.stream().map(Agreement::toDocument).toList());
        all.add(agreement.toDocument());
        Set<String> fingerprints = new LinkedHashSet<>(head.getList("fingerprints", String.class, List.of()));
        fingerprints.addAll(agreement.fingerprints());
        long version = ((Number) head.get("version")).longValue();
        Document next = new Document("_id", head.getString("_id")).append("version", version + 1)
                .append("history", all).append("fingerprints", List.copyOf(fingerprints));
        return Mono.from(agreements.replaceOne(and(eq("_id", head.getString("_id")), eq("version", version)), next))
                .flatMap(result -> result.getMatchedCount() == 1 ? Mono.<Void>empty() : Mono.error(new StaleWrite()));
    }

    /** Every agreement of the application, newest first. */
    Flux<Agreement> history(String application) {
        return Mono.from(agreements.find(eq("_id", application)).first())
                .flatMapIterable(head -> {
                    List<Agreement> newestFirst = new ArrayList<>(history(head));
                    java.util.Collections.reverse(newestFirst);
                    return newestFirst;
                });
    }

    Mono<Agreement> latest(String application) {
        return history(application).next();
    }

    private static List<Agreement> history(Document head) {
        return head.getList("history", Document.class, List.of()).stream().map(Agreement::from).toList();
    }

    @Override
    public Mono<Agreed> agreed(String application) {
        return Mono.from(agreements.find(eq("_id", application)).first())
                .filter(head -> !history(head).isEmpty())
                .map(head -> {
                    List<Agreement> all = history(head);
                    Agreement latest = all.get(all.size() - 1);
                    return new Agreed(latest.proposalId(), latest.revision(), latest.sha256(), latest.agreedAt(),
                            Set.copyOf(head.getList("fingerprints", String.class, List.of())), latest.teams());
                });
    }
}
