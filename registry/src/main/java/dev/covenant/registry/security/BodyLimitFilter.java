package dev.covenant.registry.security;

import dev.covenant.registry.pacts.PactsProperties;
import dev.covenant.registry.specs.SpecsProperties;
import dev.covenant.registry.system.PayloadTooLargeException;
import dev.covenant.registry.system.Problems;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A request body cap on every endpoint, whatever reads the body: the publishing endpoints may take a maximum-size
 * document or pact (in its JSON envelope), verification results 5 MB, everything else
 * {@code covenant.security.max-body-bytes}. A declared length over the cap is refused before anything is read; a
 * streamed body is cut off when it passes the cap. Endpoints keep their own, usually smaller, caps too.
 */
@Component
@Order(SecurityFilterOrder.BODY_LIMIT)
class BodyLimitFilter implements WebFilter {

    private record Rule(HttpMethod method, PathPattern pattern, long maxBytes) {
    }

    private final List<Rule> rules;
    private final long defaultMax;

    BodyLimitFilter(SecurityProperties security, SpecsProperties specs, PactsProperties pacts) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        long document = specs.maxDocumentBytes() * 4 / 3 + 64 * 1024;
        long pactEnvelope = pacts.maxPactBytes() * 4 / 3 * 4 + 64 * 1024;
        long proposal = specs.maxDocumentBytes() * 2 + 64 * 1024; // a document as a JSON string, escaped
        this.rules = List.of(
                new Rule(HttpMethod.PUT, parser.parse("/applications/{application}/versions/{version}/openapi"),
                        specs.maxDocumentBytes()),
                new Rule(HttpMethod.POST, parser.parse("/applications/{application}/pre-merge-check"),
                        specs.maxDocumentBytes()),
                new Rule(HttpMethod.POST, parser.parse("/provider-contracts/provider/{provider}/publish"), document),
                new Rule(HttpMethod.POST, parser.parse("/applications/{application}/proposals"), proposal),
                new Rule(HttpMethod.PUT, parser.parse("/proposals/{id}/document"), proposal),
                new Rule(HttpMethod.POST, parser.parse("/contracts/publish"), pactEnvelope),
                new Rule(HttpMethod.PUT, parser.parse("/pacts/provider/{provider}/consumer/{consumer}/version/{version}"),
                        pacts.maxPactBytes()),
                new Rule(HttpMethod.POST, parser.parse("/pacts/provider/{provider}/consumer/{consumer}/pact-version/**"),
                        5L * 1024 * 1024));
        this.defaultMax = security.maxBodyBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        boolean streamed = request.getHeaders().containsHeader("Transfer-Encoding");
        if (declared <= 0 && !streamed) {
            return chain.filter(exchange);
        }
        long max = maxFor(request);
        if (declared > max) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    new PayloadTooLargeException(max).getMessage(), "body");
        }
        return chain.filter(exchange.mutate().request(new Capped(request, max)).build());
    }

    long maxFor(ServerHttpRequest request) {
        for (Rule rule : rules) {
            if (rule.method().equals(request.getMethod()) && rule.pattern().matches(request.getPath().pathWithinApplication())) {
                return rule.maxBytes();
            }
        }
        return defaultMax;
    }

    /** The body, failing with 413 once more than {@code max} bytes have arrived. */
    private static final class Capped extends ServerHttpRequestDecorator {

        private final long max;

        Capped(ServerHttpRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > max) {
                    DataBufferUtils.release(buffer);
                    sink.error(new PayloadTooLargeException(max));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
