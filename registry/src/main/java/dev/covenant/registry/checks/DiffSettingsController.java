package dev.covenant.registry.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.diff.DiffSettings;
import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.pacticipants.ApplicationOwnership;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An application's diff options, named as oasdiff names them (as {@code covenant diff --option} and
 * {@code --config} take them): {@code {"deprecation-days-stable": 30, "severity-levels":
 * {"response-property-enum-value-added": "INFO"}, "ignore": ["<fingerprint>"]}}.
 */
@RestController
class DiffSettingsController {

    private static final long MAX_BODY = 64 * 1024;

    private final DiffSettingsStore store;
    private final Pacticipants pacticipants;
    private final ApplicationOwnership ownership;
    private final EngineGateway engine;

    DiffSettingsController(DiffSettingsStore store, Pacticipants pacticipants, ApplicationOwnership ownership,
            EngineGateway engine) {
        this.engine = engine;
        this.store = store;
        this.pacticipants = pacticipants;
        this.ownership = ownership;
    }

    @GetMapping("/applications/{application}/diff-options")
    Mono<Map<String, Object>> get(@PathVariable String application) {
        return pacticipants.requireApplication(application)
                .then(store.of(application))
                .map(settings -> view(application, settings));
    }

    /** Replaces the options (omitted ones take the defaults); validated before the caller's right to write. */
    @PutMapping("/applications/{application}/diff-options")
    Mono<Map<String, Object>> put(@PathVariable String application, ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), MAX_BODY)
                .map(this::settings)
                .flatMap(settings -> ownership.requireCallerMayWrite(application)
                        .then(pacticipants.ensureApplication(application))
                        .then(store.save(application, settings)))
                .map(settings -> view(application, settings));
    }

    private DiffSettings settings(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequestException("body", "is empty; send {\"deprecation-days-stable\": 30}");
        }
        JsonNode root;
        try {
            root = engine.readJsonNow(body, MAX_BODY);
        } catch (InvalidDocumentException e) {
            throw new InvalidRequestException("body", "is not a JSON object of diff options");
        }
        if (!root.isObject()) {
            throw new InvalidRequestException("body", "is not a JSON object of diff options");
        }
        try {
            return DiffSettings.read(root);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("diffOptions", e.getMessage());
        }
    }

    private static Map<String, Object> view(String application, DiffSettings settings) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("application", application);
        view.putAll(settings.view());
        return view;
    }
}
