package dev.covenant.registry.checks;

import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.registry.specs.PublishGuard;
import dev.covenant.registry.system.ConflictException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses, before anything is stored, a document that violates its application's enforced policy, compared
 * with the document it would replace (the branch's latest, or the application's latest when no branch is given).
 */
@Component
class PolicyGuard implements PublishGuard {

    private final Policies policies;
    private final Dependents dependents;
    private final CrossChecks crossChecks;

    PolicyGuard(Policies policies, Dependents dependents, CrossChecks crossChecks) {
        this.policies = policies;
        this.dependents = dependents;
        this.crossChecks = crossChecks;
    }

    @Override
    public Mono<Void> beforeStore(String application, String version, String branch, ParsedDocument document) {
        return policies.of(application)
                .filter(Policy::enforced)
                .flatMap(policy -> dependents.current(application, branch)
                        .flatMap(crossChecks.documents()::load)
                        .flatMap(base -> crossChecks.onScheduler(() -> Policies.violations(policy, base,
                                        candidate(document)))
                                .flatMap(violations -> violations.isEmpty() ? Mono.<Void>empty()
                                        : Mono.error(refusal(application, version, policy, base, violations)))));
    }

    private static LoadedDocument candidate(ParsedDocument document) {
        return LoadedDocument.of(null, null, document.sha256(), document.tree(), document.canonicalJson().length);
    }

    private static ConflictException refusal(String application, String version, Policy policy, LoadedDocument base,
            List<Map<String, Object>> violations) {
        String message = "The document for " + application + " version " + version + " violates the "
                + policy.level() + " compatibility policy (enforced) against version " + base.version() + ": "
                + violations.size() + " violation(s); nothing was stored";
        return new ConflictException("contract", message, "policy-violation",
                Map.of("violations", violations, "policy", policy.view(), "baseVersion", base.version()));
    }
}
