package dev.covenant.registry.retention;

import dev.covenant.registry.security.AuditLog;
import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.JsonBodies;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /admin/cleanup}: retention on demand (admin role, as every {@code /admin} path). */
@RestController
class CleanupController {

    private final Cleanup cleanup;
    private final RetentionProperties properties;
    private final JsonMapper json;

    CleanupController(Cleanup cleanup, RetentionProperties properties, JsonMapper json) {
        this.cleanup = cleanup;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping("/admin/cleanup")
    Mono<ResponseEntity<Map<String, Object>>> cleanup(ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY)
                .map(body -> CleanupRequest.parse(JsonBodies.object(json, body), properties.maxVersions()))
                .flatMap(cleanup::run)
                .doOnNext(report -> AuditLog.detail(exchange, (report.dryRun() ? "clean-up dry run: would remove "
                        : "clean-up removed ") + report.versions().size() + " versions, " + report.pacts() + " pacts, "
                        + report.verifications() + " verifications, " + report.events() + " events, "
                        + report.finishedJobs() + " finished jobs"))
                .map(report -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(view(report)));
    }

    static Map<String, Object> view(CleanupReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("dryRun", report.dryRun());
        view.put("versions", report.versions().stream()
                .map(version -> Map.of("application", version.application(), "version", version.number()))
                .toList());
        view.put("remaining", report.remaining());
        view.put("removed", Map.of("versions", report.dryRun() ? 0 : report.versions().size(), "pacts", report.pacts(),
                "verifications", report.verifications(), "events", report.events(),
                "finishedJobs", report.finishedJobs()));
        return view;
    }
}
