package dev.covenant.registry.checks;

import dev.covenant.registry.pacticipants.ApplicationOwnership;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application's compatibility policy:
 * {@code {"level": "NONE|BACKWARD[_TRANSITIVE]|FORWARD[_TRANSITIVE]|FULL[_TRANSITIVE]", "mode": "warn|enforce",
 * "selfVerification": "optional|required",
 * "validation": "lenient|strict", "agreement": "off|warn|require"}}.
 */
@RestController
class PolicyController {

    private static final long MAX_BODY = 16 * 1024;

    private final Policies policies;
    private final Pacticipants pacticipants;
    private final ApplicationOwnership ownership;
    private final JsonMapper json;

    PolicyController(Policies policies, Pacticipants pacticipants, ApplicationOwnership ownership, JsonMapper json) {
        this.policies = policies;
        this.ownership = ownership;
        this.pacticipants = pacticipants;
        this.json = json;
    }

    @GetMapping("/applications/{application}/policy")
    Mono<Map<String, Object>> get(@PathVariable String application) {
        return pacticipants.requireApplication(application)
                .then(policies.of(application))
                .map(policy -> view(application, policy));
    }

    /**
     * Sets the policy; the application is created if it does not exist yet (set a policy before the first publish), and
     * claimed for the caller's team if it has none, once the policy is known to be valid.
     */
    @PutMapping("/applications/{application}/policy")
    Mono<Map<String, Object>> put(@PathVariable String application, ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), MAX_BODY)
                .map(this::policy)
                .flatMap(policy -> ownership.requireCallerMayWrite(application)
                        .then(pacticipants.ensureApplication(application))
                        .then(policies.save(application, policy)))
                .map(policy -> view(application, policy));
    }

    private Policy policy(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequestException("body", "is empty; send {\"level\": \"BACKWARD\", \"mode\": \"warn\"}");
        }
        JsonNode root = JsonBodies.object(json, body);
        return Policy.parse(new Policy.Settings(JsonBodies.text(root, "level"), JsonBodies.text(root, "mode"),
                JsonBodies.text(root, "selfVerification"), JsonBodies.text(root, "validation"),
                JsonBodies.text(root, "agreement")));
    }

    private static Map<String, Object> view(String application, Policy policy) {
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("application", application);
        view.putAll(policy.view());
        return view;
    }
}
