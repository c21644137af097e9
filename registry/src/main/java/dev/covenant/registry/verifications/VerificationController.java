package dev.covenant.registry.verifications;

import static dev.covenant.registry.system.Links.link;

import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.registry.pacts.PactLinks;
import dev.covenant.registry.pacts.PactMetadata;
import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.system.NotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Verification results: published by provider CI (pact-jvm, pact verifier), read by people and tools. */
@RestController
class VerificationController {

    private static final String BASE = "/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}";
    static final long MAX_BODY = 5L * 1024 * 1024;

    private final VerificationService verifications;
    private final JsonMapper json;

    VerificationController(VerificationService verifications, JsonMapper json) {
        this.verifications = verifications;
        this.json = json;
    }

    @PostMapping({BASE + "/verification-results", BASE + "/metadata/{metadata}/verification-results"})
    Mono<ResponseEntity<Map<String, Object>>> publish(@PathVariable String provider, @PathVariable String consumer,
            @PathVariable String sha, @PathVariable(required = false) String metadata, ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), MAX_BODY)
                .map(this::request)
                .flatMap(request -> verifications.publish(provider, consumer, sha, request, PactMetadata.decode(metadata)))
                .map(recorded -> {
                    Links links = Links.of(exchange);
                    Map<String, Object> body = view(links, recorded.verification());
                    return ResponseEntity.status(HttpStatus.CREATED).contentType(Hal.HAL_JSON)
                            .location(URI.create(href(links, recorded.verification()))).body(body);
                });
    }

    @GetMapping(BASE + "/verification-results/latest")
    Mono<ResponseEntity<Map<String, Object>>> latest(@PathVariable String provider, @PathVariable String consumer,
            @PathVariable String sha, ServerWebExchange exchange) {
        return verifications.latest(sha)
                .filter(verification -> verification.provider().equals(provider) && verification.consumer().equals(consumer))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No verification results for this pact content")))
                .map(verification -> Hal.ok(view(Links.of(exchange), verification)));
    }

    @GetMapping(BASE + "/verification-results/{number:\\d+}")
    Mono<ResponseEntity<Map<String, Object>>> show(@PathVariable String provider, @PathVariable String consumer,
            @PathVariable String sha, @PathVariable long number, ServerWebExchange exchange) {
        return verifications.byNumber(sha, number)
                .filter(verification -> verification.provider().equals(provider) && verification.consumer().equals(consumer))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No verification result " + number)))
                .map(verification -> Hal.ok(view(Links.of(exchange), verification)));
    }

    @GetMapping(BASE + "/verification-results")
    Mono<ResponseEntity<Map<String, Object>>> list(@PathVariable String provider, @PathVariable String consumer,
            @PathVariable String sha, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return verifications.forContent(sha)
                .filter(verification -> verification.provider().equals(provider) && verification.consumer().equals(consumer))
                .map(verification -> view(links, verification))
                .collectList()
                .map(items -> Hal.collection("verificationResults", items,
                        links.base() + exchange.getRequest().getPath().value()));
    }

    static String href(Links links, Verification verification) {
        return PactLinks.verificationResults(links, verification.provider(), verification.consumer(), verification.sha(), null)
                + "/" + verification.number();
    }

    static Map<String, Object> view(Links links, Verification verification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("providerName", verification.provider());
        body.put("providerApplicationVersion", verification.providerVersion());
        body.put("success", verification.success());
        body.put("verificationDate", verification.createdAt().toString());
        if (verification.buildUrl() != null) {
            body.put("buildUrl", verification.buildUrl());
        }
        if (verification.verifiedBy() != null) {
            body.put("verifiedBy", verification.verifiedBy());
        }
        body.put("testResults", verification.testResults() == null ? List.of() : verification.testResults());
        String pactTitle = "Pact between " + verification.consumer() + " and " + verification.provider();
        Map<String, Object> relations = new LinkedHashMap<>();
        relations.put("self", link(href(links, verification), "Verification result",
                "Verification result " + verification.number() + " for " + pactTitle));
        relations.put("pb:pact-version", link(PactLinks.pactVersion(links, verification.provider(), verification.consumer(),
                verification.sha(), null), "Pact", pactTitle));
        relations.put("pb:provider-version", link(links.href("pacticipants", verification.provider(), "versions",
                verification.providerVersion()), "Provider version", verification.providerVersion()));
        body.put("_links", relations);
        return body;
    }

    @SuppressWarnings("unchecked")
    private VerificationRequest request(byte[] body) {
        Map<String, Object> root = JsonBodies.map(json, body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Object success = root.get("success");
        if (!(success instanceof Boolean)) {
            errors.put("success", List.of(success == null ? "Missing required attribute 'success'" : "must be a boolean"));
        }
        Object version = root.get("providerApplicationVersion");
        if (!(version instanceof String text) || text.isBlank()) {
            errors.put("providerApplicationVersion", List.of("can't be blank"));
        }
        Object buildUrl = root.get("buildUrl");
        if (buildUrl != null && !(buildUrl instanceof String url && isUrl(url))) {
            errors.put("buildUrl", List.of("Invalid URL '" + buildUrl + "'. Expected format: http://example.org"));
        }
        Object testResults = root.get("testResults");
        if (testResults != null && !(testResults instanceof List<?>)) {
            errors.put("testResults", List.of("must be an array"));
        }
        Object verifiedBy = root.get("verifiedBy");
        if (verifiedBy != null && !(verifiedBy instanceof Map<?, ?>)) {
            errors.put("verifiedBy", List.of("must be an object"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new VerificationRequest((Boolean) success, (String) version, (String) buildUrl,
                (Map<String, Object>) verifiedBy, testResults == null ? List.of() : new ArrayList<>((List<Object>) testResults),
                OpenApiDocuments.sha256(body));
    }

    private static boolean isUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
