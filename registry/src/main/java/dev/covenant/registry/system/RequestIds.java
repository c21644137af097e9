package dev.covenant.registry.system;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/** The request id: the caller's {@code X-Request-Id} when it is sane, otherwise a new one. */
public final class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");

    private RequestIds() {
    }

    /** The id assigned to this exchange (assigning one if the logging filter has not run). */
    public static String of(ServerWebExchange exchange) {
        Object id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = assign(exchange);
        }
        return id.toString();
    }

    static String assign(ServerWebExchange exchange) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        return id;
    }
}
