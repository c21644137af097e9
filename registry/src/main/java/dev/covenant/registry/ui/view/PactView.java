package dev.covenant.registry.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.registry.engine.JsonLine;
import dev.covenant.contract.check.CheckReport;
import dev.covenant.contract.check.PactFinding;
import dev.covenant.contract.pact.HttpInteraction;
import dev.covenant.contract.pact.Interaction;
import dev.covenant.contract.pact.Pact;
import dev.covenant.contract.pact.PactBody;
import dev.covenant.registry.checks.CrossCheckEvidence;
import dev.covenant.registry.verifications.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A pact as a person reads it: each interaction's request and expected response, what the provider's document
 * says about it (the cross-contract check), and the verification results of this content.
 */
public record PactView(String provider, String consumer, String consumerVersion, String sha,
        List<InteractionView> interactions, List<VerificationRow> verifications, String status, String statusCss,
        CrossCheck crossCheck) {


    /** One interaction; for non-HTTP interactions only the description and kind are set. */
    public record InteractionView(int number, String anchor, String kind, String description,
            List<String> providerStates, String method, String path, String query, List<Header> requestHeaders,
            String requestBody, Integer status, List<Header> responseHeaders, String responseBody,
            List<Problem> problems) {
    }

    /** A header as written in the pact. */
    public record Header(String name, String value) {
    }

    /** A cross-contract finding for one interaction. */
    public record Problem(String code, String type, String message, String pointer) {
    }

    /**
     * One verification of this content.
     *
     * @param reasons what the verifier said went wrong (empty when it passed or said nothing)
     */
    public record VerificationRow(String providerVersion, String result, String css, String at, String buildUrl,
            List<VerificationReasons.Reason> reasons) {
    }

    /**
     * The pact checked against the provider's latest OpenAPI document.
     *
     * @param documentVersion the document's version, or null when the provider has published none
     * @param evidence        what the stored check proves, as the matrix says it ("does not count as a verification:
     *                        1 message interaction needs a provider verification"), or null
     */
    public record CrossCheck(String documentVersion, long errors, long warnings, String summary, String css,
            String evidence) {
    }

    public static PactView of(String provider, String consumer, String consumerVersion, String sha, Pact pact,
            List<Verification> verifications, String documentVersion, CheckReport check,
            Optional<CrossCheckEvidence> evidence) {
        Map<Integer, List<PactFinding>> findings = check == null ? Map.of() : check.findings().stream()
                .filter(finding -> finding.interaction() != null)
                .collect(Collectors.groupingBy(finding -> finding.interaction().index()));
        List<InteractionView> interactions = new ArrayList<>();
        for (Interaction interaction : pact.interactions()) {
            List<Problem> problems = findings.getOrDefault(interaction.index(), List.of()).stream()
                    .map(finding -> new Problem(finding.code(), finding.type().name(), finding.message(),
                            finding.mockPointer()))
                    .toList();
            interactions.add(interaction(interactions.size() + 1, interaction, problems));
        }
        List<VerificationRow> rows = verifications.stream()
                .map(v -> new VerificationRow(v.providerVersion(), v.success() ? "passed" : "failed",
                        v.success() ? "verified" : "failed", UiFormat.time(v.createdAt()), UiFormat.safeUrl(v.buildUrl()),
                        v.success() ? List.of() : VerificationReasons.of(v.testResults())))
                .toList();
        String status = verifications.isEmpty() ? "not verified yet"
                : verifications.get(0).success() ? "verified" : "verification failed";
        String statusCss = verifications.isEmpty() ? "unverified" : verifications.get(0).success() ? "verified" : "failed";
        return new PactView(provider, consumer, consumerVersion, sha, List.copyOf(interactions), rows, status, statusCss,
                crossCheck(documentVersion, check, evidence));
    }

    private static CrossCheck crossCheck(String documentVersion, CheckReport check, Optional<CrossCheckEvidence> evidence) {
        if (documentVersion == null || check == null) {
            return new CrossCheck(null, 0, 0, "The provider has not published an OpenAPI document", "unverified", null);
        }
        long errors = check.errorCount();
        long warnings = check.warningCount();
        String summary = errors > 0 ? errors + " incompatible with the provider's document version " + documentVersion
                : "Compatible with the provider's document version " + documentVersion
                        + (warnings > 0 ? " (" + warnings + " warnings)" : "");
        String css = errors > 0 ? "failed" : "verified";
        String said = null;
        if (evidence.isPresent()) {
            CrossCheckEvidence judged = evidence.get();
            css = judged instanceof CrossCheckEvidence.Verified ? "verified"
                    : judged instanceof CrossCheckEvidence.Failed ? "failed" : "unverified";
            said = judged.verdict();
        }
        return new CrossCheck(documentVersion, errors, warnings, summary, css, said);
    }

    private static InteractionView interaction(int number, Interaction interaction, List<Problem> problems) {
        String anchor = "interaction-" + number;
        if (!(interaction instanceof HttpInteraction http)) {
            return new InteractionView(number, anchor, "message", interaction.description(), List.of(), null, null,
                    null, List.of(), null, null, List.of(), null, problems);
        }
        String query = http.request().query().entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(value -> entry.getKey() + "=" + value))
                .collect(Collectors.joining("&"));
        return new InteractionView(number, anchor, "http", http.description(), http.providerStates(),
                http.request().method(), http.request().path(), query.isEmpty() ? null : query,
                headers(http.request().headers()), body(http.request().body()), http.response().status(),
                headers(http.response().headers()), body(http.response().body()), problems);
    }

    private static List<Header> headers(Map<String, String> headers) {
        return headers.entrySet().stream().map(entry -> new Header(entry.getKey(), entry.getValue())).toList();
    }

    private static String body(PactBody body) {
        if (body == null) {
            return null;
        }
        JsonNode content = body.content();
        if (content.isTextual()) {
            return content.asText();
        }
        return JsonLine.pretty(content);
    }
}
