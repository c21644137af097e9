package dev.covenant.registry.forverification;

import static dev.covenant.registry.system.Links.link;

import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacts.PactLinks;
import dev.covenant.registry.pacts.PactMetadata;
import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Links;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /pacts/provider/{provider}/for-verification}: the pacts a provider build verifies. */
@RestController
class ForVerificationController {

    private static final long MAX_BODY = 256 * 1024;

    private final PactsForVerification service;
    private final Pacticipants pacticipants;
    private final JsonMapper json;

    ForVerificationController(PactsForVerification service, Pacticipants pacticipants, JsonMapper json) {
        this.service = service;
        this.pacticipants = pacticipants;
        this.json = json;
    }

    @PostMapping("/pacts/provider/{provider}/for-verification")
    Mono<ResponseEntity<Map<String, Object>>> find(@PathVariable String provider, ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), MAX_BODY)
                .map(this::request)
                .flatMap(request -> pacticipants.requireApplication(provider)
                        .then(service.find(provider, request))
                        .map(pacts -> Hal.ok(view(Links.of(exchange), provider, request, pacts))));
    }

    /**
     * The GET form: clients first navigate to the relation (which must answer), then POST their selectors to it.
     * Without a body it answers with the default selection.
     */
    @org.springframework.web.bind.annotation.GetMapping("/pacts/provider/{provider}/for-verification")
    Mono<ResponseEntity<Map<String, Object>>> defaults(@PathVariable String provider, ServerWebExchange exchange) {
        ForVerificationRequest request = new ForVerificationRequest(List.of(), false, null, List.of(), null);
        return pacticipants.requireApplication(provider)
                .then(service.find(provider, request))
                .map(pacts -> Hal.ok(view(Links.of(exchange), provider, request, pacts)));
    }

    private static Map<String, Object> view(Links links, String provider, ForVerificationRequest request,
            List<VerifiablePact> pacts) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (VerifiablePact pact : pacts) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("s", pact.selections().stream().map(selection -> selection.selector().json()).distinct().toList());
            context.put("cv", pact.publication().consumerVersion());
            if (pact.pending() != null) {
                context.put("p", pact.pending());
            }
            if (pact.wip()) {
                context.put("w", true);
            }
            String href = PactLinks.pactVersion(links, provider, pact.publication().consumer(), pact.publication().sha(),
                    PactMetadata.encode(context));
            VerifiablePactMessages messages = new VerifiablePactMessages(pact, href, request.providerBranch());
            Map<String, Object> properties = new LinkedHashMap<>();
            if (pact.pending() != null) {
                properties.put("pending", pact.pending());
            }
            if (pact.wip()) {
                properties.put("wip", true);
            }
            properties.put("notices", messages.notices(request.includePendingStatus()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("shortDescription", messages.shortDescription());
            entry.put("verificationProperties", properties);
            entry.put("_links", Map.of("self", link(href, null, "Pact between " + pact.publication().consumer() + " ("
                    + pact.publication().consumerVersion() + ") and " + provider)));
            entries.add(entry);
        }
        return Map.of("_embedded", Map.of("pacts", entries), "_links", Map.of("self",
                link(links.href("pacts", "provider", provider, "for-verification"), "Pacts to be verified", null)));
    }

    private ForVerificationRequest request(byte[] body) {
        Map<String, Object> root = JsonBodies.map(json, body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String providerBranch = string(root, "providerVersionBranch", errors);
        List<String> providerTags = strings(root.get("providerVersionTags"), "providerVersionTags", errors);
        Object pending = root.get("includePendingStatus");
        if (pending != null && !(pending instanceof Boolean)) {
            errors.put("includePendingStatus", List.of("must be a boolean"));
        }
        Instant wipSince = date(root.get("includeWipPactsSince"), errors);
        List<String> selectorErrors = new ArrayList<>();
        List<Selector> selectors = SelectorParser.parse(root.get("consumerVersionSelectors"), providerBranch, selectorErrors);
        if (!selectorErrors.isEmpty()) {
            errors.put("consumerVersionSelectors", selectorErrors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new ForVerificationRequest(selectors, Boolean.TRUE.equals(pending), providerBranch, providerTags, wipSince);
    }

    private static String string(Map<String, Object> root, String key, Map<String, List<String>> errors) {
        Object value = root.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            errors.put(key, List.of("must be a non-blank string"));
            return null;
        }
        return text;
    }

    private static List<String> strings(Object value, String key, Map<String, List<String>> errors) {
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(item -> !(item instanceof String))) {
            errors.put(key, List.of("must be an array of strings"));
            return result;
        }
        list.forEach(item -> result.add((String) item));
        return result;
    }

    private static Instant date(Object value, Map<String, List<String>> errors) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    // fall through to the error
                }
            }
        }
        errors.put("includeWipPactsSince", List.of("must be a date or date-time in ISO 8601 format"));
        return null;
    }
}
