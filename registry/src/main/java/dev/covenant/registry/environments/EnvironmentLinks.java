package dev.covenant.registry.environments;

import static dev.covenant.registry.system.Links.link;

import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.pacticipants.VersionLinkContributor;
import dev.covenant.registry.system.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives every version resource a {@code pb:record-deployment} and a {@code pb:record-release} link per
 * environment, named after it; the pact CLI picks the one matching {@code --environment}.
 */
@Component
class EnvironmentLinks implements VersionLinkContributor {

    private final Environments environments;

    EnvironmentLinks(Environments environments) {
        this.environments = environments;
    }

    @Override
    public Mono<Map<String, Object>> links(Links links, Version version) {
        return environments.all()
                .collectList()
                .map(all -> relations(links, version, all));
    }

    private static Map<String, Object> relations(Links links, Version version, List<Environment> all) {
        Map<String, Object> relations = new LinkedHashMap<>();
        relations.put("pb:record-deployment", all.stream()
                .map(environment -> link(href(links, version, "deployed-versions", environment),
                        "Record deployment to " + environment.displayName(), environment.name()))
                .toList());
        relations.put("pb:record-release", all.stream()
                .map(environment -> link(href(links, version, "released-versions", environment),
                        "Record release to " + environment.displayName(), environment.name()))
                .toList());
        return relations;
    }

    private static String href(Links links, Version version, String kind, Environment environment) {
        return links.href("pacticipants", version.application(), "versions", version.number(), kind, "environment",
                environment.uuid());
    }
}
