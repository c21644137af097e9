package dev.covenant.registry.checks;

import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.PublishGuard;
import dev.covenant.registry.system.ConflictException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses, before anything is stored, a document that violates its application's enforced policy, compared
 * with the document it would replace (the branch's latest, or the application's latest when no branch is given),
 * or that has structural problems when the policy's validation is strict.
 */
@Component
class PolicyGuard implements PublishGuard {

    private final dev.covenant.registry.engine.EngineGateway engine;
    private final Policies policies;
    private final Dependents dependents;
    private final PolicyCheck policyCheck;
    private final DiffSettingsStore diffSettings;

    PolicyGuard(Policies policies, Dependents dependents, PolicyCheck policyCheck, DiffSettingsStore diffSettings, dev.covenant.registry.engine.EngineGateway engine) {
        this.engine = engine;
        this.diffSettings = diffSettings;
        this.policies = policies;
        this.dependents = dependents;
        this.policyCheck = policyCheck;
    }

    @Override
    public Mono<Void> beforeStore(String application, String version, String branch, ParsedDocument document) {
        return policies.of(application)
                .flatMap(policy -> policy.strict() && !document.warnings().isEmpty()
                        ? Mono.error(invalid(document))
                        : Mono.just(policy))
                .filter(Policy::enforced)
                .flatMap(policy -> dependents.current(application, branch)
                        .flatMap(base -> diffSettings.of(application)
                                .flatMap(settings -> policyCheck.violations(policy, base, candidate(document), settings))
                                .flatMap(violations -> violations.isEmpty() ? Mono.<Void>empty()
                                        : Mono.error(refusal(application, version, policy, base, violations)))));
    }

    /** The refusal a strict policy gives: the same 422 as a document that cannot be read, every problem located. */
    private static InvalidDocumentException invalid(ParsedDocument document) {
        return new InvalidDocumentException(InvalidDocumentException.Reason.SCHEMA, document.warnings());
    }

    private LoadedDocument candidate(ParsedDocument document) {
        return LoadedDocument.candidate(engine, document);
    }

    private static ConflictException refusal(String application, String version, Policy policy, ProviderContract base,
            List<PolicyViolation> violations) {
        String message = "The document for " + application + " version " + version + " violates the "
                + policy.level() + " compatibility policy (enforced) against version " + base.version()
                + (policy.level().transitive() ? " and the versions before it" : "") + ": "
                + violations.size() + " violation(s); nothing was stored";
        return new ConflictException("contract", message, "policy-violation",
                Map.of("violations", violations.stream().map(PolicyViolation::view).toList(), "policy", policy.view(), "baseVersion", base.version()));
    }
}
