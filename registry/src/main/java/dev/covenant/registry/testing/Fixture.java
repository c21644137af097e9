package dev.covenant.registry.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Test data as short chains, like the Pact Broker's {@code TestDataBuilder}: each call adds a step, and
 * {@link #build()} runs the steps in order through the registry's own HTTP API (so every record is made by the
 * same validation and services a client's request goes through). The builder remembers the current consumer,
 * provider, versions, pact and environment, as the Ruby builder does.
 */
final class Fixture {

    private final WebClient http;
    private final PinnedIds ids;
    private final List<Supplier<Mono<?>>> steps = new ArrayList<>();

    private String consumer;
    private String provider;
    private String pacticipant;
    private String consumerVersion;
    private String version;
    private String providerVersion;
    private final AtomicReference<String> verificationUrl = new AtomicReference<>();
    private final AtomicReference<String> environment = new AtomicReference<>();

    Fixture(WebClient http, PinnedIds ids) {
        this.http = http;
        this.ids = ids;
    }

    Mono<Void> build() {
        return Flux.fromIterable(steps)
                .concatMap(Supplier::get)
                .then();
    }

    Fixture consumer(String name) {
        consumer = name;
        return pacticipant(name);
    }

    Fixture provider(String name) {
        provider = name;
        return pacticipant(name);
    }

    /** The Pact Broker builder's {@code create_pricing_service}: a provider with a repository URL. */
    Fixture pricingService() {
        provider = "Pricing Service";
        pacticipant = provider;
        return step(HttpMethod.PUT, "/pacticipants/{name}",
                Map.of("repositoryUrl", "git@git.realestate.com.au:business-systems/pricing-service"), provider);
    }

    Fixture useProvider(String name) {
        provider = name;
        pacticipant = name;
        return this;
    }

    Fixture pacticipant(String name) {
        pacticipant = name;
        return step(HttpMethod.PUT, "/pacticipants/{name}", Map.of(), name);
    }

    Fixture consumerVersion(String number) {
        return consumerVersion(number, null);
    }

    Fixture consumerVersion(String number, String branch) {
        consumerVersion = number;
        pacticipant = consumer;
        return version(number, branch);
    }

    Fixture providerVersion(String number) {
        providerVersion = number;
        pacticipant = provider;
        return version(number, null);
    }

    Fixture useProviderVersion(String number) {
        providerVersion = number;
        pacticipant = provider;
        version = number;
        return this;
    }

    Fixture version(String number, String branch) {
        version = number;
        Map<String, Object> body = new LinkedHashMap<>();
        if (branch != null) {
            body.put("branch", branch);
        }
        return step(HttpMethod.PUT, "/pacticipants/{name}/versions/{version}", body, pacticipant, number);
    }

    Fixture consumerVersionTag(String tag) {
        return step(HttpMethod.PUT, "/pacticipants/{name}/versions/{version}/tags/{tag}", Map.of(), consumer,
                consumerVersion, tag);
    }

    Fixture providerVersionTag(String tag) {
        return step(HttpMethod.PUT, "/pacticipants/{name}/versions/{version}/tags/{tag}", Map.of(), provider,
                providerVersion, tag);
    }

    /** Tags the current version of the current pacticipant. */
    Fixture tag(String tag) {
        return step(HttpMethod.PUT, "/pacticipants/{name}/versions/{version}/tags/{tag}", Map.of(), pacticipant,
                version, tag);
    }

    /** The pact between the current consumer version and provider, with the pair's usual content. */
    Fixture pact() {
        return pact(consumer + "/" + provider, List.of());
    }

    /**
     * A pact whose content no other consumer version has: the Pact Broker's {@code create_pact.revise_pact} (a
     * registry never changes what a version published, so the revision is the only publication). The content
     * differs in an interaction: metadata alone does not change what a verification covers.
     */
    Fixture revisedPact() {
        String marker = consumer + "/" + provider + "/" + consumerVersion;
        return pact(marker, List.of(Map.of("description", "a revision for " + marker,
                "request", Map.of("method", "GET", "path", "/"), "response", Map.of("status", 200))));
    }

    private Fixture pact(String marker, List<Map<String, Object>> interactions) {
        String c = consumer;
        String p = provider;
        String v = consumerVersion;
        Map<String, Object> content = Map.of(
                "consumer", Map.of("name", c),
                "provider", Map.of("name", p),
                "interactions", interactions,
                "metadata", Map.of("pactSpecification", Map.of("version", "2.0.0"), "fixture", marker));
        steps.add(() -> http.put()
                .uri("/pacts/provider/{provider}/consumer/{consumer}/version/{version}", p, c, v)
                .bodyValue(content)
                .retrieve()
                .bodyToMono(Map.class)
                .map(Fixture::verificationResultsHref)
                .doOnNext(verificationUrl::set)
                .onErrorMap(WebClientResponseException.class, e -> failed("publish the pact of " + c + " " + v, e)));
        return this;
    }

    @SuppressWarnings("unchecked")
    private static String verificationResultsHref(Map<?, ?> pact) {
        Map<String, Object> links = (Map<String, Object>) pact.get("_links");
        Map<String, Object> relation = (Map<String, Object>) links.get("pb:publish-verification-results");
        return (String) relation.get("href");
    }

    Fixture verification(String providerNumber) {
        return verification(providerNumber, true);
    }

    /** A verification of the latest pact by the provider version (which becomes the current one). */
    Fixture verification(String providerNumber, boolean success) {
        providerVersion = providerNumber;
        Map<String, Object> body = Map.of("success", success, "providerApplicationVersion", providerNumber);
        steps.add(() -> Mono.fromSupplier(verificationUrl::get)
                .flatMap(url -> http.post()
                        .uri(java.net.URI.create(url))
                        .bodyValue(body)
                        .retrieve()
                        .toBodilessEntity())
                .onErrorMap(WebClientResponseException.class, e -> failed("verify by " + providerNumber, e)));
        return this;
    }

    Fixture environment(String name) {
        return environment(name, null, List.of());
    }

    Fixture environment(String name, String uuid) {
        return environment(name, uuid, List.of());
    }

    Fixture environment(String name, String uuid, List<Map<String, Object>> contacts) {
        Map<String, Object> body = Map.of("name", name, "displayName", name, "production", false,
                "contacts", contacts);
        steps.add(() -> Mono.fromRunnable(() -> pin(uuid))
                .then(http.post()
                        .uri("/environments")
                        .bodyValue(body)
                        .retrieve()
                        .bodyToMono(Map.class))
                .map(created -> (String) created.get("uuid"))
                .doOnNext(environment::set)
                .onErrorMap(WebClientResponseException.class, e -> failed("create environment " + name, e)));
        return this;
    }

    /** Deploys the current consumer version to the last environment created. */
    Fixture deployedConsumerVersion(String uuid, String target) {
        String c = consumer;
        String v = consumerVersion;
        Map<String, Object> body = new LinkedHashMap<>();
        if (target != null) {
            body.put("applicationInstance", target);
        }
        steps.add(() -> Mono.fromRunnable(() -> pin(uuid))
                .then(Mono.fromSupplier(environment::get))
                .flatMap(env -> http.post()
                        .uri("/pacticipants/{name}/versions/{version}/deployed-versions/environment/{uuid}", c, v, env)
                        .bodyValue(body)
                        .retrieve()
                        .toBodilessEntity())
                .onErrorMap(WebClientResponseException.class, e -> failed("deploy " + c + " " + v, e)));
        return this;
    }

    /** A webhook of the current consumer and provider, as the Pact Broker's builder makes one. */
    Fixture webhook(String uuid) {
        Map<String, Object> body = Map.of(
                "description", "a webhook",
                "consumer", Map.of("name", consumer),
                "provider", Map.of("name", provider),
                "events", List.of(Map.of("name", "contract_content_changed")),
                "request", Map.of("method", "POST", "url", "https://example.org/webhook",
                        "headers", Map.of("Content-Type", "application/json"),
                        "body", Map.of("a", "body")));
        return step(HttpMethod.PUT, "/webhooks/{uuid}", body, uuid);
    }

    private void pin(String uuid) {
        ids.clear();
        if (uuid != null) {
            ids.pinNext(uuid);
        }
    }

    private Fixture step(HttpMethod method, String uri, Map<String, Object> body, Object... variables) {
        steps.add(() -> http.method(method)
                .uri(uri, variables)
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .onErrorMap(WebClientResponseException.class, e -> failed(method + " " + uri, e)));
        return this;
    }

    private static IllegalStateException failed(String what, WebClientResponseException e) {
        return new IllegalStateException("Could not " + what + ": " + e.getStatusCode().value() + " "
                + e.getResponseBodyAsString());
    }
}
