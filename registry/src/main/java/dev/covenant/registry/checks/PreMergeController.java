package dev.covenant.registry.checks;

import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.InvalidRequestException;
import java.time.Clock;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * "Would this document break anyone?" for CI on pull requests: the candidate is validated like a publish and
 * checked like one, and nothing is stored.
 */
@RestController
class PreMergeController {

    private final Checks checks;
    private final ProviderContracts contracts;
    private final Pacticipants pacticipants;
    private final Clock clock;

    PreMergeController(Checks checks, ProviderContracts contracts, Pacticipants pacticipants, Clock clock) {
        this.checks = checks;
        this.contracts = contracts;
        this.pacticipants = pacticipants;
        this.clock = clock;
    }

    @PostMapping("/applications/{application}/pre-merge-check")
    Mono<Map<String, Object>> check(@PathVariable String application, @RequestParam(required = false) String branch,
            ServerWebExchange exchange) {
        String onBranch = branch == null || branch.isBlank() ? null : branch;
        return pacticipants.requireApplication(application)
                .then(Bodies.read(exchange.getRequest(), contracts.maxDocumentBytes()))
                .map(PreMergeController::requireContent)
                .flatMap(contracts::parseCandidate)
                .flatMap(candidate -> checks.assessCandidate(application, onBranch, candidate)
                        .map(assessment -> report(application, onBranch, candidate, assessment)));
    }

    private Map<String, Object> report(String application, String branch,
            dev.covenant.contract.openapi.ParsedDocument candidate, Assessment assessment) {
        Report report = new Report(null, application, null, branch, "pre-merge-check", clock.instant(),
                assessment.compatible(), application + " candidate " + candidate.sha256().substring(0, 12) + ": "
                        + ChecksHandler.describe(assessment),
                assessment.comparisons().stream().map(Assessment.Comparison::part).toList(),
                assessment.pacts().stream().map(result -> result.part(null)).toList(),
                assessment.affected().stream().map(Assessment.Affected::part).toList(),
                assessment.policyPart(), assessment.audience());
        Map<String, Object> view = ReportCodec.view(report);
        view.put("candidate", Map.of("sha256", candidate.sha256(), "title", String.valueOf(candidate.title()),
                "apiVersion", String.valueOf(candidate.apiVersion())));
        return view;
    }

    private static byte[] requireContent(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequestException("body",
                    "is empty; send the candidate OpenAPI document (YAML or JSON) as the request body");
        }
        return body;
    }
}
