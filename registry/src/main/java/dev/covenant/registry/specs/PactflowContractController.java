package dev.covenant.registry.specs;

import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Links;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PactFlow-compatible provider contract endpoints, so {@code pact pactflow publish-provider-contract}
 * works unchanged (current and older clients).
 */
@RestController
class PactflowContractController {

    private final ProviderContracts contracts;
    private final JsonMapper json;

    PactflowContractController(ProviderContracts contracts, JsonMapper json) {
        this.contracts = contracts;
        this.json = json;
    }

    @PostMapping("/provider-contracts/provider/{provider}/publish")
    Mono<ResponseEntity<Map<String, Object>>> publish(@PathVariable String provider, ServerWebExchange exchange) {
        // base64 inflates by 4/3; allow the JSON envelope around a maximum-size document
        long maxBody = contracts.maxDocumentBytes() * 4 / 3 + 64 * 1024;
        return Bodies.read(exchange.getRequest(), maxBody)
                .flatMap(body -> contracts.engine().run(() -> request(provider, body))) // JSON and base64 of up to 33 MB
                .flatMap(contracts::publish)
                .map(outcome -> Hal.ok(ContractViews.publishResponse(Links.of(exchange), outcome)));
    }

    /**
     * PactFlow's older provider contract API, which earlier {@code pactflow publish-provider-contract} clients use:
     * the document and its self-verification for one version, without branch or tags. 201 when it is new.
     */
    @PutMapping("/contracts/provider/{provider}/version/{version}")
    Mono<ResponseEntity<Map<String, Object>>> put(@PathVariable String provider, @PathVariable String version,
            ServerWebExchange exchange) {
        long maxBody = contracts.maxDocumentBytes() * 4 / 3 + 64 * 1024;
        return Bodies.read(exchange.getRequest(), maxBody)
                .flatMap(body -> contracts.engine().run(() -> olderRequest(provider, version, body)))
                .flatMap(contracts::publish)
                .map(outcome -> ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .contentType(Hal.HAL_JSON)
                        .body(ContractViews.publishResponse(Links.of(exchange), outcome)));
    }

    @GetMapping("/provider-contracts/provider/{provider}/version/{version}")
    Mono<ResponseEntity<Map<String, Object>>> show(@PathVariable String provider, @PathVariable String version,
            ServerWebExchange exchange) {
        return contracts.require(provider, version)
                .map(contract -> Hal.ok(ContractViews.contract(Links.of(exchange), contract)));
    }

    private PublishRequest request(String provider, byte[] body) {
        JsonNode root = JsonBodies.object(json, body);
        JsonNode contract = root.path("contract");
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String version = JsonBodies.text(root, "pacticipantVersionNumber");
        if (version == null || version.isBlank()) {
            errors.put("pacticipantVersionNumber", List.of("can't be blank"));
        }
        if (!contract.isObject()) {
            errors.put("contract", List.of("is missing"));
        }
        String content = JsonBodies.text(contract, "content");
        if (contract.isObject() && (content == null || content.isBlank())) {
            errors.put("contract.content", List.of("can't be blank"));
        }
        String specification = JsonBodies.text(contract, "specification");
        if (specification != null && !specification.equalsIgnoreCase("oas")) {
            errors.put("contract.specification", List.of("must be 'oas' (OpenAPI); got '" + specification + "'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        byte[] document = decode(content, "contract.content");
        return new PublishRequest(provider, version, JsonBodies.text(root, "branch"), strings(root.path("tags")),
                JsonBodies.text(root, "buildUrl"), document, contentType(JsonBodies.text(contract, "contentType")),
                selfVerification(contract.path("selfVerificationResults"), "contract.selfVerificationResults"));
    }

    private PublishRequest olderRequest(String provider, String version, byte[] body) {
        JsonNode root = JsonBodies.object(json, body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String content = JsonBodies.text(root, "content");
        if (content == null || content.isBlank()) {
            errors.put("content", List.of("can't be blank"));
        }
        String contractType = JsonBodies.text(root, "contractType");
        if (contractType != null && !contractType.equalsIgnoreCase("oas")) {
            errors.put("contractType", List.of("must be 'oas' (OpenAPI)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new PublishRequest(provider, version, null, List.of(), null, decode(content, "content"),
                contentType(JsonBodies.text(root, "contentType")),
                selfVerification(root.path("verificationResults"), "verificationResults"));
    }


    private static byte[] decode(String base64, String field) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "is not valid base64: " + e.getMessage());
        }
    }

    private static ProviderContract.SelfVerification selfVerification(JsonNode node, String field) {
        if (!node.isObject()) {
            return null;
        }
        String content = JsonBodies.text(node, "content");
        String decoded = null;
        if (content != null) {
            try {
                decoded = new String(Base64.getMimeDecoder().decode(content), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(field + ".content", "is not valid base64");
            }
        }
        return new ProviderContract.SelfVerification(node.path("success").asBoolean(false), JsonBodies.text(node, "verifier"),
                JsonBodies.text(node, "verifierVersion"), JsonBodies.text(node, "format"), JsonBodies.text(node, "contentType"),
                decoded == null ? null : abbreviate(decoded));
    }

    private static String abbreviate(String text) {
        return text.length() > 1_000_000 ? text.substring(0, 1_000_000) : text;
    }

    static String contentType(String declared) {
        return declared == null || declared.isBlank() ? "application/yaml" : declared;
    }


    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(item -> values.add(item.asString()));
        } else if (array.isString()) {
            values.add(array.asString());
        }
        return values;
    }
}
