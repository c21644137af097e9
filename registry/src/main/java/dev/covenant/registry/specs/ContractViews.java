package dev.covenant.registry.specs;

import static dev.covenant.registry.system.Links.link;

import dev.covenant.contract.openapi.DocumentProblem;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.registry.system.Links;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON/HAL representations of provider contracts. */
final class ContractViews {

    private ContractViews() {
    }

    /** The response body {@code pact pactflow publish-provider-contract} parses (reference section 8). */
    static Map<String, Object> publishResponse(Links links, PublishOutcome outcome) {
        ProviderContract contract = outcome.contract();
        String provider = contract.application();
        String version = contract.version();
        String pacticipantHref = links.href("pacticipants", provider);
        String versionHref = links.href("pacticipants", provider, "versions", version);
        String contractHref = links.href("provider-contracts", "provider", provider, "version", version);

        List<Map<String, Object>> notices = new ArrayList<>();
        notices.add(notice("success", outcome.created()
                ? "Published provider contract for " + provider + " version " + version
                : "Provider contract for " + provider + " version " + version
                        + " was already published with the same content; nothing changed"));
        if (contract.branch() != null) {
            notices.add(notice("info", "Version " + version + " of " + provider + " is on branch " + contract.branch()));
        }
        contract.tags().forEach(tag -> notices.add(notice("info", "Tagged " + provider + " version " + version + " with " + tag)));
        notices.add(notice("info", "Content address sha256:" + contract.sha256()));
        outcome.warnings().forEach(problem -> notices.add(notice("warning", ParsedDocument.DOCUMENT_INVALID + " "
                + problem)));

        Map<String, Object> pacticipant = new LinkedHashMap<>();
        pacticipant.put("name", provider);
        pacticipant.put("_links", Map.of("self", link(pacticipantHref)));
        Map<String, Object> versionView = new LinkedHashMap<>();
        versionView.put("number", version);
        versionView.put("_links", Map.of("self", link(versionHref, "Version", version)));

        List<Map<String, Object>> tagLinks = new ArrayList<>();
        contract.tags().forEach(tag -> tagLinks.add(link(links.href("pacticipants", provider, "versions", version, "tags", tag), "Tag", tag)));
        Map<String, Object> linksView = new LinkedHashMap<>();
        linksView.put("pb:pacticipant", link(pacticipantHref, "Pacticipant", provider));
        linksView.put("pb:pacticipant-version", link(versionHref, "Pacticipant version", version));
        linksView.put("pb:pacticipant-version-tags", tagLinks);
        linksView.put("pf:provider-contract", link(contractHref, "Provider contract", provider + " " + version));
        linksView.put("pf:ui", link(links.href("ui", "applications", provider, "api") + "?version="
                + URLEncoder.encode(version, StandardCharsets.UTF_8), "The contract in the registry's UI", null));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notices", notices);
        body.put("_embedded", Map.of("pacticipant", pacticipant, "version", versionView));
        body.put("_links", linksView);
        return body;
    }

    /** A publish's answer on the native API: the contract, and its {@code document-invalid} warnings if any. */
    static Map<String, Object> published(Links links, PublishOutcome outcome) {
        Map<String, Object> body = contract(links, outcome.contract());
        body.put("warnings", outcome.warnings().stream().map(ContractViews::warning).toList());
        return body;
    }

    private static Map<String, Object> warning(DocumentProblem problem) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ruleId", ParsedDocument.DOCUMENT_INVALID);
        view.put("level", "WARN");
        view.put("pointer", problem.pointer());
        view.put("line", problem.line());
        view.put("message", problem.message());
        return view;
    }

    static Map<String, Object> contract(Links links, ProviderContract contract) {
        String provider = contract.application();
        String version = contract.version();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", provider);
        body.put("version", version);
        body.put("sha256", contract.sha256());
        body.put("contentType", contract.contentType());
        body.put("format", contract.format());
        body.put("specVersion", contract.specVersion());
        body.put("title", contract.title());
        body.put("apiVersion", contract.apiVersion());
        body.put("size", contract.size());
        body.put("publishedAt", contract.publishedAt().toString());
        if (contract.branch() != null) {
            body.put("branch", contract.branch());
        }
        body.put("tags", contract.tags());
        if (contract.buildUrl() != null) {
            body.put("buildUrl", contract.buildUrl());
        }
        if (contract.selfVerified() != null) {
            ProviderContract.SelfVerification self = contract.selfVerified();
            Map<String, Object> verification = new LinkedHashMap<>();
            verification.put("success", self.success());
            verification.put("verifier", self.verifier());
            verification.put("verifierVersion", self.verifierVersion());
            body.put("selfVerificationResults", verification);
        }
        String documentBase = links.href("applications", provider, "versions", version, "openapi");
        Map<String, Object> linksView = new LinkedHashMap<>();
        linksView.put("self", link(links.href("provider-contracts", "provider", provider, "version", version)));
        linksView.put("covenant:document", link(documentBase, "The document as published", null));
        linksView.put("covenant:normalized", link(documentBase + "/normalized", "The document as normalized JSON", null));
        linksView.put("pb:pacticipant", link(links.href("pacticipants", provider), "Pacticipant", provider));
        linksView.put("pb:pacticipant-version", link(links.href("pacticipants", provider, "versions", version), "Version", version));
        body.put("_links", linksView);
        return body;
    }

    private static Map<String, Object> notice(String type, String text) {
        return Map.of("type", type, "text", text);
    }
}
