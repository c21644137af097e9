package dev.covenant.registry.checks;

import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.registry.specs.PublishGuard;
import dev.covenant.registry.system.ConflictException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses, before anything is stored, a document whose breaking changes (against the document it replaces) are
 * not covered by an agreed proposal, when its application's policy says {@code agreement: require} and
 * {@code mode: enforce}. The refusal lists each unagreed finding and the teams that must agree to it.
 */
@Component
class AgreementGuard implements PublishGuard {

    private final Policies policies;
    private final Checks checks;

    AgreementGuard(Policies policies, Checks checks) {
        this.policies = policies;
        this.checks = checks;
    }

    @Override
    public Mono<Void> beforeStore(String application, String version, String branch, ParsedDocument document) {
        return policies.of(application)
                .filter(Policy::agreementEnforced)
                .flatMap(policy -> checks.assessCandidate(application, branch, document))
                .filter(assessment -> !assessment.agreement().unagreed().isEmpty())
                .flatMap(assessment -> Mono.error(refusal(application, version, assessment)));
    }

    private static ConflictException refusal(String application, String version, Assessment assessment) {
        List<Map<String, Object>> unagreed = assessment.agreement().unagreed().stream()
                .map(AgreementVerdict.Unagreed::view)
                .toList();
        String message = "The document for " + application + " version " + version + " makes " + unagreed.size()
                + " breaking change(s) no agreed proposal covers (policy agreement: require, enforced) against version "
                + assessment.base().contract().version() + ": " + unagreed.stream()
                        .map(finding -> finding.get("ruleId") + " on " + finding.get("operation") + " (teams that must agree: "
                                + String.join(", ", names(finding.get("teams"))) + ")")
                        .toList()
                + "; propose the change (POST /applications/" + application + "/proposals) and have it agreed; nothing was stored";
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("unagreed", unagreed);
        extensions.put("baseVersion", assessment.base().contract().version());
        if (assessment.agreement().proposalId() != null) {
            extensions.put("agreedProposal", assessment.agreement().proposalId());
        }
        return new ConflictException("contract", message, "unagreed-change", extensions);
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Object teams) {
        return teams instanceof List<?> list ? (List<String>) list : List.of();
    }
}
