package dev.covenant.registry.system;

import static dev.covenant.registry.system.Links.link;
import static dev.covenant.registry.system.Links.templated;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** The HAL index at {@code /}: the entry point Pact clients discover every relation from. */
@RestController
class IndexController {

    @GetMapping("/")
    ResponseEntity<Map<String, Object>> index(ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        Map<String, Object> relations = new LinkedHashMap<>();
        relations.put("self", link(links.raw("/"), "Index", null));
        relations.put("pb:pacticipants", link(links.raw("/pacticipants"), "Pacticipants", null));
        relations.put("pb:pacticipant", templated(links.raw("/pacticipants/{pacticipant}"), "Fetch pacticipant by name"));
        relations.put("pb:latest-version", templated(links.raw("/pacticipants/{pacticipant}/latest-version"),
                "Latest pacticipant version"));
        relations.put("pb:latest-tagged-version", templated(links.raw("/pacticipants/{pacticipant}/latest-version/{tag}"),
                "Latest pacticipant version with the specified tag"));
        relations.put("pb:pacticipant-version", templated(links.raw("/pacticipants/{pacticipant}/versions/{version}"),
                "Get, create or delete a pacticipant version"));
        relations.put("pb:pacticipant-version-tag", templated(
                links.raw("/pacticipants/{pacticipant}/versions/{version}/tags/{tag}"), "Get, create or delete a tag for a version"));
        relations.put("pb:pacticipant-branch", templated(links.raw("/pacticipants/{pacticipant}/branches/{branch}"),
                "Get or delete a pacticipant branch"));
        relations.put("pb:pacticipant-branch-version", templated(
                links.raw("/pacticipants/{pacticipant}/branches/{branch}/versions/{version}"),
                "Get or add/create a pacticipant version for a branch"));
        relations.put("pb:publish-pact", templated(
                links.raw("/pacts/provider/{provider}/consumer/{consumer}/version/{consumerApplicationVersion}"),
                "Publish a pact"));
        relations.put("pb:publish-contracts", link(links.raw("/contracts/publish"), "Publish contracts", null));
        relations.put("pb:latest-pact-versions", link(links.raw("/pacts/latest"), "Latest pact versions", null));
        relations.put("pb:latest-provider-pacts", templated(links.raw("/pacts/provider/{provider}/latest"),
                "Latest pacts by provider"));
        relations.put("pb:latest-provider-pacts-with-tag", templated(links.raw("/pacts/provider/{provider}/latest/{tag}"),
                "Latest pacts for provider with the specified tag"));
        relations.put("pb:provider-pacts-with-tag", templated(links.raw("/pacts/provider/{provider}/tag/{tag}"),
                "All pact versions for the provider with the specified consumer version tag"));
        relations.put("pb:provider-pacts-with-branch", templated(links.raw("/pacts/provider/{provider}/branch/{branch}"),
                "All pact versions for the provider with the specified consumer version branch"));
        relations.put("pb:provider-pacts", templated(links.raw("/pacts/provider/{provider}"),
                "All pact versions for the specified provider"));
        relations.put("pb:environments", link(links.raw("/environments"), "Environments", null));
        relations.put("pb:environment", templated(links.raw("/environments/{uuid}"), "Environment"));
        relations.put("pb:can-i-deploy-pacticipant-version-to-environment", templated(
                links.raw("/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}"),
                "Determine if an application version can be safely deployed to an environment"));
        relations.put("pb:can-i-deploy-pacticipant-version-to-tag", templated(
                links.raw("/can-i-deploy?pacticipant={pacticipant}&version={version}&to={tag}"),
                "Determine if an application version can be safely deployed to the latest version with a tag"));
        relations.put("pb:matrix", link(links.raw("/matrix"), "The matrix of versions and verifications", null));
        Map<String, Object> forVerification = templated(links.raw("/pacts/provider/{provider}/for-verification"),
                "Pact versions to be verified for the specified provider");
        relations.put("pb:provider-pacts-for-verification", forVerification);
        relations.put("beta:provider-pacts-for-verification", forVerification);
        Map<String, Object> publishContract = templated(links.raw("/provider-contracts/provider/{provider}/publish"),
                "Publish provider contracts (OpenAPI documents)");
        relations.put("pf:publish-provider-contract", publishContract);
        relations.put("pb:publish-provider-contract", publishContract);
        relations.put("pb:webhooks", link(links.raw("/webhooks"), "Webhooks", null));
        relations.put("pb:webhook", templated(links.raw("/webhooks/{uuid}"), "Webhook"));
        relations.put("covenant:teams", link(links.raw("/teams"), "Teams", null));
        relations.put("covenant:deliveries", link(links.raw("/notifications/deliveries"), "Webhook deliveries", null));
        relations.put("covenant:events", link(links.raw("/events"), "Events (and /events/stream, Server-Sent Events)", null));
        relations.put("covenant:applications", link(links.raw("/applications"), "Applications", null));
        relations.put("covenant:openapi-document", templated(
                links.raw("/applications/{application}/versions/{version}/openapi"),
                "Publish (PUT) or read an application version's OpenAPI document"));
        relations.put("covenant:cli", link(links.raw("/cli/covenant-cli.jar"),
                "The covenant command line (java -jar covenant-cli.jar) matching this registry", null));
        relations.put("covenant:api-description", link(links.raw("/openapi.yaml"), "This registry's own OpenAPI document", null));
        relations.put("curies", List.of(
                Map.of("name", "pb", "href", links.raw("/doc/{rel}?context=index"), "templated", true)));
        return Hal.ok(Map.of("_links", relations));
    }
}
