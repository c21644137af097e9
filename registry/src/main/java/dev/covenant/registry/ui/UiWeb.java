package dev.covenant.registry.ui;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** How the UI is served: its bundled assets under /ui/assets, and browsers sent from / to /ui. */
final class UiWeb {

    /** The org.webjars:swagger-ui version in registry/pom.xml: the webjar's folder is named after it. */
    static final String SWAGGER_UI_VERSION = "5.34.1";

    private UiWeb() {
    }

    /** Swagger UI from the webjar in the jar, at /ui/assets/swagger-ui/ (our own assets are in static/ui/assets). */
    @Configuration(proxyBeanMethods = false)
    static class Assets implements WebFluxConfigurer {

        @Override
        public void addResourceHandlers(ResourceHandlerRegistry registry) {
            registry.addResourceHandler("/ui/assets/swagger-ui/**")
                    .addResourceLocations("classpath:/META-INF/resources/webjars/swagger-ui/" + SWAGGER_UI_VERSION + "/");
        }
    }

    /**
     * A browser opening {@code /} gets the UI; Pact clients (HAL or JSON) and curl ({@code *}/{@code *}) keep the
     * HAL index.
     */
    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    static class BrowserRedirect implements WebFilter {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            ServerHttpRequest request = exchange.getRequest();
            if (HttpMethod.GET.equals(request.getMethod()) && "/".equals(request.getPath().pathWithinApplication().value())
                    && wantsHtml(request.getHeaders().getAccept())) {
                exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
                exchange.getResponse().getHeaders().set(HttpHeaders.LOCATION,
                        request.getPath().contextPath().value() + "/ui");
                return exchange.getResponse().setComplete();
            }
            return chain.filter(exchange);
        }

        static boolean wantsHtml(List<MediaType> accepted) {
            boolean html = accepted.stream().anyMatch(type -> type.getQualityValue() > 0
                    && "text".equals(type.getType()) && "html".equals(type.getSubtype()));
            boolean json = accepted.stream().anyMatch(type -> "application".equals(type.getType())
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")));
            return html && !json;
        }
    }
}
