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
        relations.put("pb:environments", link(links.raw("/environments"), "Environments", null));
        relations.put("pb:environment", templated(links.raw("/environments/{uuid}"), "Environment"));
        Map<String, Object> publishContract = templated(links.raw("/provider-contracts/provider/{provider}/publish"),
                "Publish provider contracts (OpenAPI documents)");
        relations.put("pf:publish-provider-contract", publishContract);
        relations.put("pb:publish-provider-contract", publishContract);
        relations.put("covenant:applications", link(links.raw("/applications"), "Applications", null));
        relations.put("covenant:openapi-document", templated(
                links.raw("/applications/{application}/versions/{version}/openapi"),
                "Publish (PUT) or read an application version's OpenAPI document"));
        relations.put("covenant:api-description", link(links.raw("/openapi.yaml"), "This registry's own OpenAPI document", null));
        relations.put("curies", List.of(
                Map.of("name", "pb", "href", links.raw("/doc/{rel}?context=index"), "templated", true)));
        return Hal.ok(Map.of("_links", relations));
    }
}
