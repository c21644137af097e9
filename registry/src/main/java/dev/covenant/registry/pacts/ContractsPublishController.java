package dev.covenant.registry.pacts;

import static dev.covenant.registry.system.Links.link;

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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /contracts/publish}: what {@code pact broker publish} and the pact-jvm Maven plugin call. */
@RestController
class ContractsPublishController {

    private final PactService pacts;
    private final JsonMapper json;

    ContractsPublishController(PactService pacts, JsonMapper json) {
        this.pacts = pacts;
        this.json = json;
    }

    @PostMapping("/contracts/publish")
    Mono<ResponseEntity<Map<String, Object>>> publish(ServerWebExchange exchange) {
        long maxBody = pacts.maxPactBytes() * 4 / 3 * 4 + 64 * 1024;
        return Bodies.read(exchange.getRequest(), maxBody)
                .flatMap(body -> pacts.engine().run(() -> request(body))) // decoding and hashing pacts: CPU work
                .flatMap(request -> pacts.publish(request)
                        .map(published -> Hal.ok(response(Links.of(exchange), request, published))));
    }

    private PublishContracts request(byte[] body) {
        JsonNode root = JsonBodies.object(json, body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String consumer = JsonBodies.text(root, "pacticipantName");
        String version = JsonBodies.text(root, "pacticipantVersionNumber");
        if (blank(consumer)) {
            errors.put("pacticipantName", List.of("Missing required attribute 'pacticipantName'"));
        }
        if (blank(version)) {
            errors.put("pacticipantVersionNumber", List.of("Missing required attribute 'pacticipantVersionNumber'"));
        }
        JsonNode contracts = root.get("contracts");
        if (contracts == null || !contracts.isArray() || contracts.isEmpty()) {
            errors.put("contracts", List.of("Missing required attribute 'contracts' (a non-empty array)"));
        }
        JsonNode tags = root.get("tags");
        if (tags != null && !tags.isNull() && !tags.isArray()) {
            errors.put("tags", List.of("must be an array of strings"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        List<ContractToPublish> decoded = new ArrayList<>();
        for (int i = 0; i < contracts.size(); i++) {
            decoded.add(contract(contracts.get(i), "contracts[" + i + "]", consumer, errors));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        List<String> tagList = new ArrayList<>();
        if (tags != null && tags.isArray()) {
            tags.forEach(tag -> tagList.add(tag.asString()));
        }
        return new PublishContracts(consumer, version, JsonBodies.text(root, "branch"), tagList, JsonBodies.text(root, "buildUrl"), decoded);
    }

    private ContractToPublish contract(JsonNode contract, String field, String consumer,
            Map<String, List<String>> errors) {
        String consumerName = JsonBodies.text(contract, "consumerName");
        String providerName = JsonBodies.text(contract, "providerName");
        String specification = JsonBodies.text(contract, "specification");
        String content = JsonBodies.text(contract, "content");
        if (blank(providerName)) {
            errors.put(field + ".providerName", List.of("Missing required attribute 'providerName'"));
        }
        if (consumerName != null && !consumerName.equals(consumer)) {
            errors.put(field + ".consumerName", List.of("must match pacticipantName ('" + consumer + "')"));
        }
        if (specification != null && !specification.equalsIgnoreCase("pact")) {
            errors.put(field + ".specification", List.of("must be 'pact'"));
        }
        if (blank(content)) {
            errors.put(field + ".content", List.of("Missing required attribute 'content'"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(content.replace("\n", "").replace("\r", ""));
        } catch (IllegalArgumentException e) {
            errors.put(field + ".content", List.of("is not valid base64: " + e.getMessage()));
            return null;
        }
        PactContent pact = PactContent.parse(pacts.engine(), decoded, field + ".content");
        if (!pact.pact().consumer().equals(consumer)) {
            errors.put(field + ".content", List.of("consumer name in pact ('" + pact.pact().consumer()
                    + "') does not match pacticipantName ('" + consumer + "')"));
        }
        if (!pact.pact().provider().equals(providerName)) {
            errors.put(field + ".content", List.of("provider name in pact ('" + pact.pact().provider()
                    + "') does not match providerName ('" + providerName + "')"));
        }
        return new ContractToPublish(consumer, providerName, pact, "merge".equalsIgnoreCase(JsonBodies.text(contract, "onConflict")));
    }


    private static Map<String, Object> response(Links links, PublishContracts request, List<PublishedPact> published) {
        String consumer = request.consumer();
        String version = request.version();
        List<Map<String, Object>> notices = new ArrayList<>();
        notices.add(notice("debug", versionNotice(request)));
        List<Map<String, Object>> contracts = new ArrayList<>();
        for (PublishedPact pact : published) {
            PactPublication publication = pact.publication();
            String href = PactLinks.version(links, publication.provider(), consumer, version);
            notices.add(notice("success", pact.merged()
                    ? "Pact merged with existing pact for " + consumer + " version " + version + " and provider " + publication.provider()
                    : pact.unchanged()
                            ? "Pact with identical content already published for " + consumer + " version " + version
                                    + " and provider " + publication.provider() + "; nothing changed"
                            : "Pact successfully published for " + consumer + " version " + version + " and provider "
                                    + publication.provider() + "."));
            notices.add(notice("debug", "  View the published pact at " + href));
            contracts.add(link(href, "Pact", publication.title()));
        }
        if (request.branch() == null) {
            notices.add(notice("prompt", "  Next steps:\n    Configure the version branch to be the value of your repository branch."));
        }
        Map<String, Object> pacticipant = new LinkedHashMap<>();
        pacticipant.put("name", consumer);
        pacticipant.put("_links", Map.of("self", link(links.href("pacticipants", consumer))));
        Map<String, Object> versionView = new LinkedHashMap<>();
        versionView.put("number", version);
        versionView.put("_links", Map.of("self", link(links.href("pacticipants", consumer, "versions", version), "Version", version)));
        Map<String, Object> relations = new LinkedHashMap<>();
        relations.put("pb:pacticipant", link(links.href("pacticipants", consumer), "Pacticipant", consumer));
        relations.put("pb:pacticipant-version", link(links.href("pacticipants", consumer, "versions", version),
                "Pacticipant version", version));
        relations.put("pb:pacticipant-version-tags", request.tags().stream()
                .map(tag -> link(links.href("pacticipants", consumer, "versions", version, "tags", tag), "Tag", tag))
                .toList());
        relations.put("pb:contracts", contracts);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notices", notices);
        body.put("logs", notices.stream().map(ContractsPublishController::log).toList());
        body.put("_embedded", Map.of("pacticipant", pacticipant, "version", versionView));
        body.put("_links", relations);
        return body;
    }

    private static String versionNotice(PublishContracts request) {
        StringBuilder text = new StringBuilder("Created or updated ").append(request.consumer()).append(" version ")
                .append(request.version());
        if (request.branch() != null) {
            text.append(" with branch ").append(request.branch());
        }
        if (!request.tags().isEmpty()) {
            text.append(request.branch() != null ? " and tags " : " with tags ").append(String.join(", ", request.tags()));
        }
        return text.toString();
    }

    /** The older "logs" form of the notices, which the pact CLI still requires. */
    private static Map<String, Object> log(Map<String, Object> notice) {
        String level = switch (String.valueOf(notice.get("type"))) {
            case "warning" -> "warn";
            case "error", "danger" -> "error";
            case "debug" -> "debug";
            default -> "info";
        };
        return Map.of("level", level, "message", notice.get("text"), "deprecationWarning", "Replaced by notices");
    }

    private static Map<String, Object> notice(String type, String text) {
        return Map.of("type", type, "text", text);
    }


    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
