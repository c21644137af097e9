package dev.covenant.registry.checks;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.contract.diff.CompatibilityCheck;
import dev.covenant.contract.diff.DiffSettings;
import dev.covenant.contract.diff.Level;
import dev.covenant.contract.diff.Violation;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Compatibility policies per application ({@code policies}, {@code _id} = application) and their evaluation. */
@Service
class Policies {

    private final MongoCollection<Document> policies;
    private final Clock clock;

    Policies(MongoDatabase database, Clock clock) {
        this.policies = database.getCollection("policies");
        this.clock = clock;
    }

    /** The application's policy, or the default (BACKWARD, warn, optional self-verification, lenient, agreement off) when none was set. */
    Mono<Policy> of(String application) {
        return Mono.from(policies.find(eq("_id", application)).first())
                .map(document -> Policy.parse(new Policy.Settings(document.getString("level"),
                        document.getString("mode"), document.getString("selfVerification"),
                        document.getString("validation"), document.getString("agreement"))))
                .defaultIfEmpty(Policy.DEFAULT);
    }

    Mono<Policy> save(String application, Policy policy) {
        Document document = new Document("_id", application).append("level", policy.level().name())
                .append("mode", policy.mode().stored())
                .append("selfVerification", policy.selfVerification().stored())
                .append("validation", policy.validation().stored())
                .append("agreement", policy.agreement().stored())
                .append("updatedAt", Date.from(clock.instant()));
        return Mono.from(policies.replaceOne(eq("_id", application), document, new ReplaceOptions().upsert(true)))
                .thenReturn(policy);
    }

    /**
     * The changes to the candidate from the earlier documents (oldest first) that the policy forbids (level ERR);
     * a level that is not transitive looks at the last one only. The application's diff settings apply first (a rule
     * lowered below ERR or an ignored fingerprint is no violation). CPU work, call off the event loop.
     */
    static List<PolicyViolation> violations(Policy policy, List<LoadedDocument> earlierOldestFirst,
            LoadedDocument candidate, DiffSettings settings) {
        if (earlierOldestFirst.isEmpty() || policy.level() == Policy.Level.NONE) {
            return List.of();
        }
        return CompatibilityCheck.check(policy.level().engine(),
                        earlierOldestFirst.stream().map(LoadedDocument::tree).toList(), candidate.tree(),
                        settings.options(), Level.INFO)
                .stream()
                .flatMap(violation -> settings.apply(violation.finding())
                        .filter(finding -> finding.level() == Level.ERR)
                        .map(finding -> new Violation(violation.direction(), violation.earlierIndex(), finding))
                        .stream())
                .map(violation -> violation(violation, earlierOldestFirst.get(violation.earlierIndex())))
                .toList();
    }

    private static PolicyViolation violation(Violation violation, LoadedDocument base) {
        return new PolicyViolation(violation.finding().ruleId(), violation.finding().level().name(),
                violation.finding().operation(), violation.finding().message(), violation.finding().fingerprint(),
                violation.direction().name(), base.version());
    }
}
