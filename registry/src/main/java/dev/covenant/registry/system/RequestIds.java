package dev.covenant.registry.system;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
        String id = given != null && SANE.matcher(given).matches() ? given : newId();
        exchange.getAttributes().put(ATTRIBUTE, id);
        return id;
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id correlates log lines and is no secret,
     * so it needs no {@link java.security.SecureRandom} ({@link UUID#randomUUID}), whose shared generator every request
     * would otherwise take a lock on.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
