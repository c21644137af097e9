package dev.covenant.registry.pacticipants;

import static dev.covenant.registry.system.Links.link;
import static dev.covenant.registry.system.Links.templated;

import dev.covenant.registry.system.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pact Broker-shaped HAL views of applications (pacticipants), versions, branches and tags. */
final class PacticipantViews {

    private PacticipantViews() {
    }

    static Map<String, Object> pacticipant(Links links, Application application, Version latest) {
        String name = application.name();
        String self = links.href("pacticipants", name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("displayName", application.displayName() != null ? application.displayName() : displayName(name));
        if (application.team() != null) {
            body.put("team", application.team());
        }
        body.put("repositoryUrl", application.repositoryUrl());
        body.put("mainBranch", application.mainBranch());
        body.put("createdAt", String.valueOf(application.createdAt()));
        if (application.updatedAt() != null) {
            body.put("updatedAt", application.updatedAt().toString());
        }
        if (latest != null) {
            // Both names: the Pact Broker embeds latestVersion; its older clients read latest-version.
            Map<String, Object> latestView = version(links, latest);
            body.put("_embedded", Map.of("latestVersion", latestView, "latest-version", latestView));
        }
        Map<String, Object> linksView = new LinkedHashMap<>();
        linksView.put("self", link(self, null, name));
        linksView.put("pb:versions", link(self + "/versions"));
        linksView.put("versions", link(self + "/versions"));
        linksView.put("pb:version", templated(self + "/versions/{version}", "Get, create or delete a pacticipant version"));
        linksView.put("pb:version-tag", templated(self + "/versions/{version}/tags/{tag}", "Get, create or delete a tag for a version"));
        linksView.put("pb:branch-version", templated(self + "/branches/{branch}/versions/{version}", "Get or add/create a version for a branch"));
        linksView.put("pb:branches", link(self + "/branches"));
        linksView.put("pb:latest-version", link(self + "/latest-version", "Latest version", null));
        linksView.put("pb:label", templated(self + "/labels/{label}", "Get, create or delete a label"));
        linksView.put("covenant:openapi", link(links.href("applications", name, "openapi"), "OpenAPI document history", null));
        body.put("_links", linksView);
        return body;
    }

    /** The collection, embedded and (as the Pact Broker still does for older clients) at the top level. */
    static Map<String, Object> pacticipants(Links links, List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_embedded", Map.of("pacticipants", items));
        body.put("pacticipants", items);
        Map<String, Object> relations = new LinkedHashMap<>();
        relations.put("self", link(links.href("pacticipants")));
        relations.put("pb:pacticipants", items.stream()
                .map(item -> link(links.href("pacticipants", (String) item.get("name")), "Pacticipant", (String) item.get("name")))
                .toList());
        // The relation's older name, which the Pact Broker still serves and its Ruby client reads.
        relations.put("pacticipants", items.stream()
                .map(item -> link(links.href("pacticipants", (String) item.get("name")), (String) item.get("name"), null))
                .toList());
        body.put("_links", relations);
        return body;
    }

    static Map<String, Object> version(Links links, Version version) {
        return version(links, version, Map.of());
    }

    /** The version resource, with relations contributed by other features appended to its links. */
    static Map<String, Object> version(Links links, Version version, Map<String, Object> extraLinks) {
        String application = version.application();
        String self = links.href("pacticipants", application, "versions", version.number());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", version.number());
        if (version.buildUrl() != null) {
            body.put("buildUrl", version.buildUrl());
        }
        body.put("createdAt", String.valueOf(version.createdAt()));
        Map<String, Object> embedded = new LinkedHashMap<>();
        embedded.put("branchVersions", version.branches().stream().map(branch -> branchVersion(links, version, branch)).toList());
        embedded.put("tags", version.tags().stream().map(tag -> tag(links, version, tag)).toList());
        body.put("_embedded", embedded);
        Map<String, Object> linksView = new LinkedHashMap<>();
        linksView.put("self", link(self, "Version", version.number()));
        linksView.put("pb:pacticipant", link(links.href("pacticipants", application), "Pacticipant", application));
        linksView.put("pb:tag", templated(self + "/tags/{tag}", "Get, create or delete a tag for this pacticipant version"));
        linksView.putAll(extraLinks);
        body.put("_links", linksView);
        return body;
    }

    static Map<String, Object> branchVersion(Links links, Version version, String branch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", branch);
        body.put("latest", null);
        body.put("_links", Map.of("self", link(links.href("pacticipants", version.application(), "branches", branch,
                "versions", version.number()), "Branch version", null)));
        return body;
    }

    static Map<String, Object> tag(Links links, Version version, String tag) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", tag);
        body.put("_links", Map.of(
                "self", link(links.href("pacticipants", version.application(), "versions", version.number(), "tags", tag), "Tag", tag),
                "pb:version", link(links.href("pacticipants", version.application(), "versions", version.number()), "Version", version.number()),
                "pb:pacticipant", link(links.href("pacticipants", version.application()), "Pacticipant", version.application())));
        return body;
    }

    static Map<String, Object> branch(Links links, Branch branch) {
        String self = links.href("pacticipants", branch.application(), "branches", branch.name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", branch.name());
        body.put("createdAt", String.valueOf(branch.createdAt()));
        body.put("latestVersion", branch.latestVersion());
        body.put("_links", Map.of("self", link(self, "Branch", branch.name()),
                "pb:latest-version", link(links.href("pacticipants", branch.application(), "versions", branch.latestVersion()),
                        "Latest version for branch", branch.latestVersion()),
                "pb:pacticipant", link(links.href("pacticipants", branch.application()), "Pacticipant", branch.application())));
        return body;
    }

    /** The Pact Broker derives a display name from the name: "order-service" → "Order Service". */
    static String displayName(String name) {
        StringBuilder result = new StringBuilder();
        for (String word : name.split("[-_ ]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!result.isEmpty()) {
                result.append(' ');
            }
            result.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return result.isEmpty() ? name : result.toString();
    }
}
