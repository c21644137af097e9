package dev.covenant.registry.ui;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;

/**
 * The one place the UI reads what checks and notifications (issue 5) record: compatibility reports and webhook
 * deliveries, through their HTTP API as named in docs/design/contracts-between-parts.md, on this very instance
 * (the caller's credentials are passed on). While that API is absent (404) or failing, every read answers an
 * unavailable {@link Feed}, and the pages say that nothing has been recorded yet. The live event stream is
 * read by the browser itself ({@code /events/stream}, see ui/assets/live.js).
 */
@Component
class ActivityReader {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    /**
     * What a read found.
     *
     * @param available false when the backing API does not exist (yet) or did not answer
     */
    record Feed(boolean available, List<Map<String, Object>> items) {

        static Feed unavailable() {
            return new Feed(false, List.of());
        }
    }

    /** The catalog asks for every report on each render; a few seconds old is fresh enough for a status column. */
    private static final Duration ALL_REPORTS_TTL = Duration.ofSeconds(5);

    private final WebClient client;
    private volatile Mono<Feed> allReports;

    ActivityReader() {
        this.client = WebClient.builder().build();
    }

    /** Every compatibility report (for the catalog's status column), cached for a few seconds. */
    Mono<Feed> allReports(ServerWebExchange exchange) {
        Mono<Feed> cached = allReports;
        if (cached == null) {
            cached = reports(exchange, null, null).cache(ALL_REPORTS_TTL);
            allReports = cached;
        }
        return cached;
    }

    /** Compatibility reports, newest first when the API orders them; filters may be null. */
    Mono<Feed> reports(ServerWebExchange exchange, String application, String version) {
        return list(exchange, "reports", uri -> uri.path("/compatibility-reports")
                .queryParamIfPresent("application", java.util.Optional.ofNullable(application))
                .queryParamIfPresent("version", java.util.Optional.ofNullable(version)));
    }

    /** Webhook deliveries, optionally only those with a status (parked, delivered, pending). */
    Mono<Feed> deliveries(ServerWebExchange exchange, String status) {
        return list(exchange, "deliveries", uri -> uri.path("/notifications/deliveries")
                .queryParamIfPresent("status", java.util.Optional.ofNullable(status)));
    }

    /** Asks for a parked delivery to be sent again; true when it was accepted. */
    Mono<Boolean> replay(ServerWebExchange exchange, String id) {
        return client.post()
                .uri(uri -> local(exchange, uri).path("/notifications/deliveries/{id}/replay").build(id))
                .headers(headers -> passCredentials(exchange, headers))
                .retrieve()
                .toBodilessEntity()
                .map(response -> response.getStatusCode().is2xxSuccessful())
                .timeout(TIMEOUT)
                .onErrorReturn(false);
    }

    @SuppressWarnings("unchecked")
    private Mono<Feed> list(ServerWebExchange exchange, String relation,
            java.util.function.Function<UriBuilder, UriBuilder> path) {
        return client.get()
                .uri(uri -> path.apply(local(exchange, uri)).build())
                .headers(headers -> passCredentials(exchange, headers))
                .retrieve()
                .bodyToMono(JSON)
                .map(body -> {
                    Object embedded = body.get("_embedded") instanceof Map<?, ?> map ? map.get(relation) : body.get(relation);
                    List<Map<String, Object>> items = embedded instanceof List<?> list
                            ? list.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList()
                            : List.of();
                    return new Feed(true, items);
                })
                .timeout(TIMEOUT)
                .onErrorResume(WebClientResponseException.class, e -> Mono.just(Feed.unavailable()))
                .onErrorReturn(Feed.unavailable());
    }

    private static UriBuilder local(ServerWebExchange exchange, UriBuilder uri) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        String host = local == null || local.getAddress() == null || local.getAddress().isAnyLocalAddress()
                ? "127.0.0.1" : local.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return uri.scheme("http").host(host).port(local == null ? 9292 : local.getPort());
    }

    private static void passCredentials(ServerWebExchange exchange, HttpHeaders headers) {
        HttpHeaders incoming = exchange.getRequest().getHeaders();
        for (String name : List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE)) {
            List<String> values = incoming.get(name);
            if (values != null) {
                headers.put(name, values);
            }
        }
    }
}
