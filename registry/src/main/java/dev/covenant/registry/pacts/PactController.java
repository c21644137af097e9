package dev.covenant.registry.pacts;

import static dev.covenant.registry.system.Links.link;

import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.system.NotFoundException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Pact resources in the Pact Broker's URL scheme: read by version, latest, branch, tag and content hash. */
@RestController
class PactController {

    private static final String BASE = "/pacts/provider/{provider}/consumer/{consumer}";

    private final PactService pacts;

    PactController(PactService pacts) {
        this.pacts = pacts;
    }

    @GetMapping(BASE + "/version/{version}")
    Mono<ResponseEntity<byte[]>> byVersion(@PathVariable String provider, @PathVariable String consumer,
            @PathVariable String version, ServerWebExchange exchange) {
        return pacts.requirePublication(provider, consumer, version)
                .flatMap(publication -> render(exchange, publication, null));
    }

    /** The original publish path: the raw pact JSON as the body. */
    @PutMapping(BASE + "/version/{version}")
    Mono<ResponseEntity<byte[]>> put(@PathVariable String provider, @PathVariable String consumer,
            @PathVariable String version, ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), pacts.maxPactBytes())
                .flatMap(body -> pacts.engine().run(() -> PactContent.parse(pacts.engine(), body, "pact")))
                .map(content -> requireNames(content, provider, consumer))
                .flatMap(content -> pacts.publish(new PublishContracts(consumer, version, null, List.of(), null,
                        List.of(new ContractToPublish(consumer, provider, content, false)))))
                .flatMap(published -> render(exchange, published.get(0).publication(), null)
                        .map(response -> ResponseEntity.status(published.get(0).previous() == null
                                ? HttpStatus.CREATED : HttpStatus.OK).headers(response.getHeaders()).body(response.getBody())));
    }

    private static PactContent requireNames(PactContent content, String provider, String consumer) {
        if (!content.pact().consumer().equals(consumer)) {
            throw new InvalidRequestException("consumer", "name in pact ('" + content.pact().consumer()
                    + "') does not match consumer name in path ('" + consumer + "').");
        }
        if (!content.pact().provider().equals(provider)) {
            throw new InvalidRequestException("provider", "name in pact ('" + content.pact().provider()
                    + "') does not match provider name in path ('" + provider + "').");
        }
        return content;
    }

    @GetMapping({BASE + "/latest", BASE + "/latest/{tag}"})
    Mono<ResponseEntity<byte[]>> latest(@PathVariable String provider, @PathVariable String consumer,
            @PathVariable(required = false) String tag, ServerWebExchange exchange) {
        String key = tag == null ? PactService.LATEST : "tag:" + tag;
        return pacts.latest(provider, consumer, key)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No " + (tag == null ? "" : "'" + tag + "' ")
                        + "pact between " + consumer + " and " + provider)))
                .flatMap(publication -> render(exchange, publication, null));
    }

    @GetMapping(BASE + "/branch/{branch}/latest")
    Mono<ResponseEntity<byte[]>> latestOnBranch(@PathVariable String provider, @PathVariable String consumer,
            @PathVariable String branch, ServerWebExchange exchange) {
        return pacts.latest(provider, consumer, "branch:" + branch)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No pact between " + consumer + " and "
                        + provider + " on branch " + branch)))
                .flatMap(publication -> render(exchange, publication, null));
    }

    @GetMapping({BASE + "/pact-version/{sha}", BASE + "/pact-version/{sha}/metadata/{metadata}"})
    Mono<ResponseEntity<byte[]>> byContent(@PathVariable String provider, @PathVariable String consumer,
            @PathVariable String sha, @PathVariable(required = false) String metadata, ServerWebExchange exchange) {
        return pacts.contentMetadata(sha)
                .filter(meta -> provider.equals(meta.getString("provider")) && consumer.equals(meta.getString("consumer")))
                .flatMap(meta -> pacts.latest(provider, consumer, "sha:" + sha)
                        .switchIfEmpty(pacts.history(provider, consumer).filter(p -> p.sha().equals(sha)).next()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No pact between " + consumer + " and "
                        + provider + " with content " + sha)))
                .flatMap(publication -> render(exchange, publication, metadata == null ? "" : metadata));
    }

    @GetMapping(BASE + "/versions")
    Mono<ResponseEntity<Map<String, Object>>> versions(@PathVariable String provider, @PathVariable String consumer,
            ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return pacts.history(provider, consumer)
                .map(publication -> link(PactLinks.version(links, provider, consumer, publication.consumerVersion()),
                        "Pact", publication.title()))
                .collectList()
                .map(items -> Hal.ok(Map.of("_links", Map.of("self", link(links.href("pacts", "provider", provider,
                        "consumer", consumer, "versions")), "pb:pact-versions", items))));
    }

    @GetMapping("/pacts/latest")
    Mono<ResponseEntity<Map<String, Object>>> allLatest(ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return pacts.integrations()
                .filter(document -> document.getString("_id").startsWith("consumers|"))
                .concatMap(document -> {
                    String provider = document.getString("_id").substring("consumers|".length());
                    return Flux.fromIterable(document.getList("names", String.class, List.of()))
                            .concatMap(consumer -> pacts.latest(provider, consumer, PactService.LATEST));
                })
                .map(publication -> PactViews.latestEntry(links, publication))
                .collectList()
                .map(entries -> Hal.ok(Map.of("pacts", entries,
                        "_links", Map.of("self", link(links.href("pacts", "latest"))))));
    }

    @GetMapping({"/pacts/provider/{provider}/latest", "/pacts/provider/{provider}/latest/{tag}"})
    Mono<ResponseEntity<Map<String, Object>>> providerLatest(@PathVariable String provider,
            @PathVariable(required = false) String tag, ServerWebExchange exchange) {
        return providerPacts(provider, tag == null ? PactService.LATEST : "tag:" + tag,
                tag == null ? "Latest pact versions for the provider " + provider
                        : "Latest pact versions for the provider " + provider + " with tag " + tag, exchange);
    }

    @GetMapping("/pacts/provider/{provider}/tag/{tag}")
    Mono<ResponseEntity<Map<String, Object>>> providerTagged(@PathVariable String provider, @PathVariable String tag,
            ServerWebExchange exchange) {
        return providerPacts(provider, "tag:" + tag, "Pact versions for the provider " + provider + " with tag " + tag, exchange);
    }

    @GetMapping("/pacts/provider/{provider}/branch/{branch}")
    Mono<ResponseEntity<Map<String, Object>>> providerBranch(@PathVariable String provider, @PathVariable String branch,
            ServerWebExchange exchange) {
        return providerPacts(provider, "branch:" + branch,
                "Latest pact versions for the provider " + provider + " on branch " + branch, exchange);
    }

    @GetMapping("/pacts/provider/{provider}")
    Mono<ResponseEntity<Map<String, Object>>> provider(@PathVariable String provider, ServerWebExchange exchange) {
        return providerPacts(provider, PactService.LATEST, "All pact versions for the provider " + provider, exchange);
    }

    private Mono<ResponseEntity<Map<String, Object>>> providerPacts(String provider, String key, String title,
            ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return pacts.consumersOf(provider)
                .concatMap(consumer -> pacts.latest(provider, consumer, key))
                .map(publication -> link(PactLinks.version(links, provider, publication.consumer(),
                        publication.consumerVersion()), publication.title(), publication.consumer()))
                .collectList()
                .map(items -> Hal.ok(Map.of("_links", Map.of(
                        "self", link(links.base() + exchange.getRequest().getPath().value(), title, null),
                        "pb:provider", link(links.href("pacticipants", provider), null, provider),
                        // The relation's older name, which the Pact Broker's Ruby client reads.
                        "provider", link(links.href("pacticipants", provider), provider, null),
                        "pb:pacts", items))));
    }

    private Mono<ResponseEntity<byte[]>> render(ServerWebExchange exchange, PactPublication publication, String metadata) {
        return pacts.contentTree(publication.sha())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("pact content " + publication.sha() + " is missing")))
                .map(tree -> ResponseEntity.ok().contentType(Hal.HAL_JSON)
                        .header("X-Pact-Consumer-Version", publication.consumerVersion())
                        .body(PactViews.pact(Links.of(exchange), tree, publication, metadata)));
    }
}
