package dev.covenant.registry.environments;

import static dev.covenant.registry.system.Links.link;

import dev.covenant.registry.system.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pact Broker-shaped HAL views of environments, deployed versions and released versions. */
final class EnvironmentViews {

    private EnvironmentViews() {
    }

    static Map<String, Object> environment(Links links, Environment environment) {
        String self = links.href("environments", environment.uuid());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuid", environment.uuid());
        body.put("name", environment.name());
        body.put("displayName", environment.displayName());
        body.put("production", environment.production());
        body.put("contacts", environment.contacts().stream().map(EnvironmentViews::contact).toList());
        body.put("createdAt", environment.createdAt().toString());
        if (environment.updatedAt() != null) {
            body.put("updatedAt", environment.updatedAt().toString());
        }
        Map<String, Object> linksView = new LinkedHashMap<>();
        linksView.put("self", link(self, "Environment", environment.name()));
        linksView.put("pb:currently-deployed-deployed-versions", link(self + "/deployed-versions/currently-deployed",
                "Versions currently deployed to " + environment.displayName() + " environment", null));
        linksView.put("pb:currently-supported-released-versions", link(self + "/released-versions/currently-supported",
                "Versions released and supported in " + environment.displayName() + " environment", null));
        linksView.put("pb:environments", link(links.href("environments"), "Environments", null));
        body.put("_links", linksView);
        return body;
    }

    static Map<String, Object> environments(Links links, List<Environment> environments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_embedded", Map.of("environments",
                environments.stream().map(environment -> environment(links, environment)).toList()));
        Map<String, Object> relations = new LinkedHashMap<>();
        relations.put("self", link(links.href("environments"), "Environments", null));
        // One link per environment, named, as the Pact Broker lists them (its clients find an environment by name).
        relations.put("pb:environments", environments.stream()
                .map(environment -> link(links.href("environments", environment.uuid()), environment.displayName(),
                        environment.name()))
                .toList());
        body.put("_links", relations);
        return body;
    }

    static Map<String, Object> deployment(Links links, Deployment deployment, Environment environment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuid", deployment.uuid());
        body.put("currentlyDeployed", deployment.currentlyDeployed());
        body.put("target", deployment.applicationInstance());
        body.put("applicationInstance", deployment.applicationInstance());
        body.put("createdAt", deployment.createdAt().toString());
        if (deployment.undeployedAt() != null) {
            body.put("undeployedAt", deployment.undeployedAt().toString());
        }
        body.put("_embedded", embedded(links, deployment, environment));
        body.put("_links", Map.of("self", link(links.href("deployed-versions", deployment.uuid()))));
        return body;
    }

    static Map<String, Object> release(Links links, Release release, Environment environment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuid", release.uuid());
        body.put("currentlySupported", release.currentlySupported());
        body.put("createdAt", release.createdAt().toString());
        if (release.supportEndedAt() != null) {
            body.put("supportEndedAt", release.supportEndedAt().toString());
        }
        body.put("_embedded", embedded(links, release, environment));
        body.put("_links", Map.of("self", link(links.href("released-versions", release.uuid()))));
        return body;
    }

    /** A collection resource: {@code _embedded.<relation>[]} and a self link carrying the query string. */
    static Map<String, Object> collection(String relation, List<Map<String, Object>> items, String self, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_embedded", Map.of(relation, items));
        body.put("_links", Map.of("self", link(self, title, null)));
        return body;
    }

    private static Map<String, Object> embedded(Links links, EnvironmentVersion item, Environment environment) {
        String application = item.application();
        Map<String, Object> embedded = new LinkedHashMap<>();
        embedded.put("pacticipant", Map.of("name", application,
                "_links", Map.of("self", link(links.href("pacticipants", application)))));
        embedded.put("version", Map.of("number", item.version(),
                "_links", Map.of("self", link(links.href("pacticipants", application, "versions", item.version())))));
        embedded.put("environment", environment(links, environment));
        return embedded;
    }

    private static Map<String, Object> contact(Environment.Contact contact) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", contact.name());
        if (contact.details() != null) {
            view.put("details", contact.details());
        }
        return view;
    }
}
