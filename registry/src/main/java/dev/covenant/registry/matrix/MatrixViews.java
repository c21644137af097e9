package dev.covenant.registry.matrix;

import static dev.covenant.registry.system.Links.link;

import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.pacts.PactLinks;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.verifications.Verification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Pact Broker's matrix JSON. */
final class MatrixViews {

    private MatrixViews() {
    }

    static Map<String, Object> result(Links links, MatrixResult result) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("deployable", result.deployable());
        summary.put("reason", String.join("\n", result.reasons()));
        summary.put("success", result.success());
        summary.put("failed", result.failed());
        summary.put("unknown", result.unknown());
        summary.put("ignored", result.ignored());
        List<Map<String, Object>> notices = new ArrayList<>();
        for (String reason : result.reasons()) {
            String type = Boolean.TRUE.equals(result.deployable()) ? "success"
                    : reason.startsWith("There is no verified pact") ? "warning" : reason.startsWith("[IGNORED]") ? "info" : "error";
            notices.add(Map.of("type", type, "text", reason));
        }
        result.warnings().forEach(warning -> notices.add(Map.of("type", "warning", "text", warning)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", summary);
        body.put("notices", notices);
        body.put("matrix", result.rows().stream().map(row -> row(links, row)).toList());
        return body;
    }

    private static Map<String, Object> row(Links links, MatrixRow row) {
        Map<String, Object> consumer = new LinkedHashMap<>();
        consumer.put("name", row.consumer());
        consumer.put("_links", Map.of("self", link(links.href("pacticipants", row.consumer()))));
        consumer.put("version", version(links, row.consumerVersion()));
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", row.provider());
        provider.put("_links", Map.of("self", link(links.href("pacticipants", row.provider()))));
        provider.put("version", row.providerVersion() == null ? null : version(links, row.providerVersion()));
        Map<String, Object> pact = new LinkedHashMap<>();
        pact.put("createdAt", row.pact().createdAt().toString());
        pact.put("_links", Map.of("self", link(PactLinks.version(links, row.provider(), row.consumer(),
                row.pact().consumerVersion()))));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("consumer", consumer);
        view.put("provider", provider);
        view.put("pact", pact);
        view.put("verificationResult", verification(links, row.verification()));
        if (row.reason() != null) {
            view.put("reason", row.reason());
        }
        if (row.ignored()) {
            view.put("ignored", true);
        }
        return view;
    }

    private static Map<String, Object> version(Links links, Version version) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("number", version.number());
        view.put("branch", version.branches().isEmpty() ? null : version.branches().get(version.branches().size() - 1));
        view.put("branches", version.branches().stream().map(name -> Map.of("name", name)).toList());
        view.put("tags", version.tags().stream().map(name -> Map.of("name", name)).toList());
        view.put("_links", Map.of("self", link(links.href("pacticipants", version.application(), "versions", version.number()))));
        return view;
    }

    private static Map<String, Object> verification(Links links, Verification verification) {
        if (verification == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("success", verification.success());
        view.put("verifiedAt", verification.createdAt().toString());
        if (CrossCheckVerifications.is(verification)) {
            view.put("verifiedBy", verification.verifiedBy());
            view.put("_links", Map.of("self", link(links.href("compatibility-reports",
                    CrossCheckVerifications.reportId(verification)))));
            return view;
        }
        view.put("_links", Map.of("self", link(PactLinks.verificationResults(links, verification.provider(),
                verification.consumer(), verification.sha(), null) + "/" + verification.number())));
        return view;
    }
}
