package dev.covenant.registry.specs;

import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.Links;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The registry's native document API for curl users: publish the raw document, read it back as published or
 * normalized, find the latest on a branch or tag, list the history.
 */
@RestController
class OpenApiController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final ProviderContracts contracts;
    private final tools.jackson.databind.json.JsonMapper json;

    OpenApiController(ProviderContracts contracts, tools.jackson.databind.json.JsonMapper json) {
        this.contracts = contracts;
        this.json = json;
    }

    /** The provider's own check of its running service against this document ({@code verify-openapi --publish}). */
    @PutMapping("/applications/{application}/versions/{version}/openapi/self-verification")
    Mono<Map<String, Object>> selfVerification(@PathVariable String application, @PathVariable String version,
            ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), dev.covenant.registry.system.JsonBodies.MAX_BODY)
                .map(this::selfVerification)
                .flatMap(result -> contracts.recordSelfVerification(application, version, result))
                .map(contract -> ContractViews.contract(Links.of(exchange), contract));
    }

    private ProviderContract.SelfVerification selfVerification(byte[] body) {
        tools.jackson.databind.JsonNode root = dev.covenant.registry.system.JsonBodies.object(json, body);
        Boolean success = dev.covenant.registry.system.JsonBodies.optionalBoolean(root, "success");
        if (success == null) {
            throw new InvalidRequestException("success", "success is required: true or false");
        }
        return new ProviderContract.SelfVerification(success,
                dev.covenant.registry.system.JsonBodies.optionalString(root, "verifier"),
                dev.covenant.registry.system.JsonBodies.optionalString(root, "verifierVersion"),
                dev.covenant.registry.system.JsonBodies.optionalString(root, "format"),
                dev.covenant.registry.system.JsonBodies.optionalString(root, "contentType"),
                dev.covenant.registry.system.JsonBodies.optionalString(root, "content"));
    }

    @PutMapping("/applications/{application}/versions/{version}/openapi")
    Mono<ResponseEntity<Map<String, Object>>> publish(@PathVariable String application, @PathVariable String version,
            @RequestParam(required = false) String branch,
            @RequestParam(name = "tag", required = false) List<String> tag,
            @RequestParam(name = "tags", required = false) List<String> tags,
            @RequestParam(required = false) String buildUrl, ServerWebExchange exchange) {
        MediaType contentType = exchange.getRequest().getHeaders().getContentType();
        return Bodies.read(exchange.getRequest(), contracts.maxDocumentBytes())
                .map(body -> new PublishRequest(application, version, blankToNull(branch), union(tag, tags),
                        blankToNull(buildUrl), requireContent(body), mediaType(contentType), null))
                .flatMap(contracts::publish)
                .map(outcome -> ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .location(java.net.URI.create(Links.of(exchange).href("applications", application, "versions",
                                version, "openapi")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(ContractViews.published(Links.of(exchange), outcome)));
    }

    @GetMapping("/applications/{application}/versions/{version}/openapi")
    Mono<ResponseEntity<byte[]>> original(@PathVariable String application, @PathVariable String version) {
        return contracts.require(application, version)
                .flatMap(contract -> contracts.original(contract).map(bytes -> document(contract, bytes, false)));
    }

    @GetMapping("/applications/{application}/versions/{version}/openapi/normalized")
    Mono<ResponseEntity<byte[]>> normalized(@PathVariable String application, @PathVariable String version) {
        return contracts.require(application, version)
                .flatMap(contract -> contracts.normalized(contract).map(bytes -> document(contract, bytes, true)));
    }

    @GetMapping("/applications/{application}/versions/{version}/openapi/metadata")
    Mono<Map<String, Object>> metadata(@PathVariable String application, @PathVariable String version,
            ServerWebExchange exchange) {
        return contracts.require(application, version).map(contract -> ContractViews.contract(Links.of(exchange), contract));
    }

    @GetMapping("/applications/{application}/openapi/latest")
    Mono<ResponseEntity<byte[]>> latest(@PathVariable String application, @RequestParam(required = false) String branch,
            @RequestParam(required = false) String tag, @RequestParam(defaultValue = "false") boolean normalized) {
        if (branch != null && tag != null) {
            throw new InvalidRequestException("branch", "give either branch or tag, not both");
        }
        return contracts.latest(application, blankToNull(branch), blankToNull(tag))
                .flatMap(contract -> (normalized ? contracts.normalized(contract) : contracts.original(contract))
                        .map(bytes -> document(contract, bytes, normalized)));
    }

    @GetMapping("/applications/{application}/openapi")
    Mono<Map<String, Object>> history(@PathVariable String application, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return contracts.history(application)
                .map(contract -> ContractViews.contract(links, contract))
                .collectList()
                .map(items -> Map.of("application", application, "documents", items,
                        "_links", Map.of("self", Links.link(links.href("applications", application, "openapi")))));
    }

    private static ResponseEntity<byte[]> document(ProviderContract contract, byte[] bytes, boolean normalized) {
        MediaType type = normalized ? MediaType.APPLICATION_JSON : parse(contract.contentType());
        return ResponseEntity.ok()
                .contentType(type)
                .eTag("\"" + (normalized ? contract.sha256() : contract.rawId().substring(4)) + "\"")
                .header("X-Covenant-Application", contract.application())
                .header("X-Covenant-Version", contract.version())
                .header("X-Covenant-Sha256", contract.sha256())
                .body(bytes);
    }

    private static MediaType parse(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            return YAML;
        }
    }

    private static String mediaType(MediaType declared) {
        return declared == null ? "application/yaml" : declared.toString();
    }

    private static byte[] requireContent(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequestException("body", "is empty; send the OpenAPI document (YAML or JSON) as the request body");
        }
        return body;
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>();
        if (a != null) {
            a.stream().filter(s -> !s.isBlank()).forEach(all::add);
        }
        if (b != null) {
            b.stream().flatMap(s -> java.util.Arrays.stream(s.split(","))).map(String::trim)
                    .filter(s -> !s.isBlank()).forEach(all::add);
        }
        return all.stream().distinct().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
