package dev.covenant.registry.checks;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.contract.diff.DiffOptions;
import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.Finding;
import dev.covenant.contract.diff.Level;
import dev.covenant.contract.diff.OpenApiDiff;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.checks.AgreedContracts.Agreed;
import dev.covenant.registry.checks.AgreementVerdict.Unagreed;
import dev.covenant.registry.checks.Assessment.Affected;
import dev.covenant.registry.storage.ContentStore;
import dev.covenant.registry.teams.Teams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The agreement side of a document's checks: whether it matches the agreed contract, which of its breaking
 * changes no agreed proposal covers, and (for versions stored under {@code agreement: require}) the reasons
 * can-i-deploy answers no. Versions with unagreed changes are kept in {@code unagreed_versions},
 * {@code _id} = application|version, so can-i-deploy reads them with one point lookup.
 */
@Service
public class Agreements {

    private final ObjectProvider<AgreedContracts> agreedContracts;
    private final ContentStore contents;
    private final Teams teams;
    private final CrossChecks crossChecks;
    private final EngineGateway engine;
    private final MongoCollection<Document> unagreedVersions;

    Agreements(ObjectProvider<AgreedContracts> agreedContracts, ContentStore contents, Teams teams,
            CrossChecks crossChecks, MongoDatabase database, EngineGateway engine) {
        this.engine = engine;
        this.agreedContracts = agreedContracts;
        this.contents = contents;
        this.teams = teams;
        this.crossChecks = crossChecks;
        this.unagreedVersions = database.getCollection("unagreed_versions");
    }

    /**
     * @param changes the diff from the document's base to it, or null for a first document
     * @param version the stored version, or null for a candidate (then nothing is remembered)
     */
    Mono<AgreementVerdict> verdict(String application, String version, Policy policy, DiffReport changes,
            List<Affected> affected, LoadedDocument document) {
        return agreed(application)
                .flatMap(agreed -> drift(agreed, document)
                        .flatMap(drift -> unagreed(application, policy, changes, affected, agreed)
                                .map(unagreed -> verdict(policy, agreed, drift, unagreed))))
                .flatMap(verdict -> remember(application, version, policy, verdict).thenReturn(verdict));
    }

    private Mono<Optional<Agreed>> agreed(String application) {
        AgreedContracts source = agreedContracts.getIfAvailable();
        return source == null ? Mono.just(Optional.empty())
                : source.agreed(application).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Mono<Optional<List<Finding>>> drift(Optional<Agreed> agreed, LoadedDocument document) {
        if (agreed.isEmpty()) {
            return Mono.just(Optional.empty());
        }
        String sha = agreed.get().sha256();
        return engine.stored(sha, contents.get(sha))
                .flatMap(agreedDocument -> engine.run(() -> diff(agreedDocument.tree(), document.tree())))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    private static List<Finding> diff(JsonNode agreed, JsonNode document) {
        return OpenApiDiff.diff(agreed, document, DiffOptions.defaults()).findings().stream()
                .sorted(java.util.Comparator.comparing(Finding::level).reversed())
                .toList();
    }

    private Mono<List<Unagreed>> unagreed(String application, Policy policy, DiffReport changes,
            List<Affected> affected, Optional<Agreed> agreed) {
        if (policy.agreement() == Policy.Agreement.OFF || changes == null) {
            return Mono.just(List.of());
        }
        Set<String> covered = agreed.map(Agreed::fingerprints).orElse(Set.of());
        List<Finding> breaking = changes.findings().stream()
                .filter(finding -> finding.level() == Level.ERR)
                .filter(finding -> !covered.contains(finding.fingerprint()))
                .toList();
        if (breaking.isEmpty()) {
            return Mono.just(List.of());
        }
        return teams.teamOf(application)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .map(owner -> breaking.stream().map(finding -> unagreed(finding, owner, affected)).toList());
    }

    /** The teams that must agree: the provider's owner and the teams of the consumers broken on that operation. */
    static Unagreed unagreed(Finding finding, Optional<String> owner, List<Affected> affected) {
        List<String> teamNames = new ArrayList<>();
        owner.ifPresent(teamNames::add);
        List<String> consumers = new ArrayList<>();
        for (Affected consumer : affected) {
            boolean hit = consumer.failures().stream()
                    .anyMatch(failure -> finding.operation() != null && finding.operation().equals(failure.operation()));
            if (hit) {
                consumers.add(consumer.consumer());
                if (consumer.team() != null && !teamNames.contains(consumer.team())) {
                    teamNames.add(consumer.team());
                }
            }
        }
        return new Unagreed(finding, List.copyOf(teamNames), List.copyOf(consumers));
    }

    private static AgreementVerdict verdict(Policy policy, Optional<Agreed> agreed, Optional<List<Finding>> drift,
            List<Unagreed> unagreed) {
        Boolean matches = drift.map(found -> found.stream().noneMatch(f -> f.level().atLeast(Level.WARN))).orElse(null);
        return new AgreementVerdict(policy.agreement(), agreed.map(Agreed::proposalId).orElse(null),
                agreed.map(Agreed::revision).orElse(null), matches, drift.orElse(List.of()), unagreed);
    }

    private Mono<Void> remember(String application, String version, Policy policy, AgreementVerdict verdict) {
        if (version == null || policy.agreement() != Policy.Agreement.REQUIRE || verdict.unagreed().isEmpty()) {
            return Mono.empty();
        }
        Document document = new Document("_id", application + "|" + version)
                .append("fingerprints", verdict.unagreed().stream().map(u -> u.finding().fingerprint()).toList())
                .append("findings", verdict.unagreed().stream().map(Unagreed::view).toList());
        return Mono.from(unagreedVersions.replaceOne(eq("_id", document.getString("_id")), document,
                new ReplaceOptions().upsert(true))).then();
    }

    /**
     * Why can-i-deploy must answer no for this version: its breaking changes that were stored under
     * {@code agreement: require} and are still not covered by an agreed proposal. Empty when there are none.
     */
    public Mono<List<String>> deployBlockers(String application, String version) {
        return Mono.from(unagreedVersions.find(eq("_id", application + "|" + version)).first())
                .flatMap(stored -> agreed(application)
                        .map(agreed -> blockers(application, version, stored,
                                agreed.map(Agreed::fingerprints).orElse(Set.of()))))
                .defaultIfEmpty(List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> blockers(String application, String version, Document stored, Set<String> covered) {
        List<String> reasons = new ArrayList<>();
        for (Document finding : stored.getList("findings", Document.class, List.of())) {
            if (covered.contains(finding.getString("fingerprint"))) {
                continue;
            }
            List<String> teamNames = (List<String>) finding.get("teams", List.class);
            reasons.add("Version " + version + " of " + application + " makes a breaking change nobody agreed to ("
                    + finding.getString("ruleId") + " on " + finding.getString("operation") + ", fingerprint "
                    + finding.getString("fingerprint") + "); propose it and have "
                    + (teamNames == null || teamNames.isEmpty() ? "the affected teams" : String.join(", ", teamNames))
                    + " agree, or publish the agreed contract");
        }
        return reasons;
    }
}
