package dev.covenant.registry.checks;

import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.system.NotFoundException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Compatibility reports, newest first; one per published document or pact. */
@RestController
class ReportController {

    private final ReportStore reports;

    ReportController(ReportStore reports) {
        this.reports = reports;
    }

    @GetMapping("/compatibility-reports")
    Mono<ResponseEntity<Map<String, Object>>> list(@RequestParam(required = false) String application,
            @RequestParam(required = false) String version, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return reports.list(blankToNull(application), blankToNull(version))
                .map(report -> view(links, report))
                .collectList()
                .map(items -> Hal.collection("reports", items, links.href("compatibility-reports")));
    }

    @GetMapping("/compatibility-reports/{id}")
    Mono<ResponseEntity<Map<String, Object>>> show(@PathVariable String id, ServerWebExchange exchange) {
        return reports.find(id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No compatibility report with id '" + id + "'")))
                .map(report -> Hal.ok(view(Links.of(exchange), report)));
    }

    private static Map<String, Object> view(Links links, Report report) {
        Map<String, Object> view = ReportCodec.view(report);
        view.put("_links", Map.of("self", Links.link(links.href("compatibility-reports", report.id()))));
        return view;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
