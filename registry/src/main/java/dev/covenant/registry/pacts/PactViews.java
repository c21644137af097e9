package dev.covenant.registry.pacts;

import static dev.covenant.registry.system.Links.link;
import static dev.covenant.registry.system.Links.templated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.registry.engine.JsonLine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.registry.system.Links;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pact Broker-shaped views of pacts. */
final class PactViews {


    private PactViews() {
    }

    /**
     * The pact JSON as published, plus {@code createdAt} and the links pact-jvm and the CLI follow.
     *
     * @param metadata the opaque for-verification context to carry into the verification URL, or null
     */
    static byte[] pact(Links links, JsonNode content, PactPublication publication, String metadata) {
        String provider = publication.provider();
        String consumer = publication.consumer();
        ObjectNode body = ((ObjectNode) content).deepCopy();
        body.put("createdAt", publication.createdAt().toString());
        Map<String, Object> relations = new LinkedHashMap<>();
        String self = metadata == null ? PactLinks.version(links, provider, consumer, publication.consumerVersion())
                : PactLinks.pactVersion(links, provider, consumer, publication.sha(), metadata);
        relations.put("self", link(self, "Pact", publication.title()));
        relations.put("pb:consumer", link(links.href("pacticipants", consumer), "Consumer", consumer));
        relations.put("pb:consumer-version", link(links.href("pacticipants", consumer, "versions",
                publication.consumerVersion()), "Consumer version", publication.consumerVersion()));
        relations.put("pb:provider", link(links.href("pacticipants", provider), "Provider", provider));
        relations.put("pb:pact-version", link(PactLinks.pactVersion(links, provider, consumer, publication.sha(), null),
                "Pact content", publication.sha()));
        relations.put("pb:latest-pact-version", link(PactLinks.latest(links, provider, consumer),
                "Latest version of this pact", null));
        relations.put("pb:all-pact-versions", link(links.href("pacts", "provider", provider, "consumer", consumer,
                "versions"), "All versions of this pact", null));
        relations.put("pb:latest-tagged-pact-version", templated(PactLinks.latest(links, provider, consumer) + "/{tag}",
                "Latest tagged version of this pact"));
        relations.put("pb:publish-verification-results", link(PactLinks.verificationResults(links, provider, consumer,
                publication.sha(), metadata), "Publish verification results", null));
        relations.put("pb:latest-verification-results", link(links.href("pacts", "provider", provider, "consumer",
                consumer, "pact-version", publication.sha(), "verification-results", "latest"),
                "Latest verification results", null));
        relations.put("pb:diff-previous-distinct", link(PactLinks.version(links, provider, consumer,
                publication.consumerVersion()) + "/diff/previous-distinct", "Diff with previous distinct version of this pact", null));
        relations.put("pb:tag-version", templated(links.href("pacticipants", consumer, "versions",
                publication.consumerVersion(), "tags") + "/{tag}", "PUT to this resource to tag this consumer version"));
        relations.put("curies", java.util.List.of(Map.of("name", "pb", "href", links.raw("/doc/{rel}?context=pact"),
                "templated", true)));
        body.set("_links", JsonLine.tree(relations));
        return JsonLine.bytes(body);
    }

    /** One entry of {@code /pacts/latest}. */
    static Map<String, Object> latestEntry(Links links, PactPublication publication) {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("number", publication.consumerVersion());
        version.put("_links", Map.of("self", link(links.href("pacticipants", publication.consumer(), "versions",
                publication.consumerVersion()), "Version", publication.consumerVersion())));
        Map<String, Object> consumer = new LinkedHashMap<>();
        consumer.put("name", publication.consumer());
        consumer.put("_embedded", Map.of("version", version));
        consumer.put("_links", Map.of("self", link(links.href("pacticipants", publication.consumer()))));
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", publication.provider());
        provider.put("_links", Map.of("self", link(links.href("pacticipants", publication.provider()))));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("createdAt", publication.createdAt().toString());
        entry.put("_embedded", Map.of("consumer", consumer, "provider", provider));
        entry.put("_links", Map.of("self", java.util.List.of(
                link(PactLinks.latest(links, publication.provider(), publication.consumer())),
                link(PactLinks.version(links, publication.provider(), publication.consumer(), publication.consumerVersion())))));
        return entry;
    }
}
