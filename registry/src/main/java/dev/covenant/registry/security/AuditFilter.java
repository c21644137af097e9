package dev.covenant.registry.security;

import dev.covenant.registry.system.RequestIds;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Records every write request (every method but GET, HEAD, OPTIONS and TRACE; asking for the pacts to verify and
 * the pre-merge check are reads) in the {@link AuditLog}, refused ones included, just before the response is
 * committed.
 */
@Component
@Order(SecurityFilterOrder.AUDIT)
class AuditFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);
    private static final List<PathPattern> QUERIES = List.of(
            PathPatternParser.defaultInstance.parse("/pacts/provider/{provider}/for-verification"),
            PathPatternParser.defaultInstance.parse("/applications/{application}/pre-merge-check"));

    private final AuditLog audit;
    private final Clock clock;
    private final SecurityProperties properties;

    AuditFilter(AuditLog audit, Clock clock, SecurityProperties properties) {
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isWrite(exchange.getRequest())) {
            exchange.getResponse().beforeCommit(() -> record(exchange));
        }
        return chain.filter(exchange);
    }

    private static boolean isWrite(ServerHttpRequest request) {
        return !READS.contains(request.getMethod())
                && !(HttpMethod.POST.equals(request.getMethod()) && QUERIES.stream()
                        .anyMatch(query -> query.matches(request.getPath().pathWithinApplication())));
    }

    private Mono<Void> record(ServerWebExchange exchange) {
        return audit.record(entry(exchange))
                .onErrorResume(e -> {
                    log.error("Could not write the audit entry of request {}", RequestIds.of(exchange), e);
                    return Mono.empty();
                });
    }

    private AuditEntry entry(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
        if (caller == null && !properties.secured()) {
            caller = Caller.ANONYMOUS;
        }
        ServerHttpRequest request = exchange.getRequest();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        InetSocketAddress remote = request.getRemoteAddress();
        return new AuditEntry(clock.instant(), caller == null ? "unauthenticated" : caller.name(),
                caller == null ? null : caller.role().id(), caller == null ? null : caller.team(),
                request.getMethod().name(), request.getPath().value(), status == null ? 200 : status.value(),
                exchange.getAttribute(AuditLog.DETAIL_ATTRIBUTE), RequestIds.of(exchange),
                remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress());
    }
}
