package dev.covenant.registry.ui.pages;

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
public final class UiWeb {

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
     * A browser opening {@code /} gets the UI, and one opening a compatibility report (the link notifications carry)
     * gets its page; Pact clients (HAL or JSON) and curl ({@code *}/{@code *}) keep the JSON.
     */
    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    public static class BrowserRedirect implements WebFilter {

        private static final String REPORTS = "/compatibility-reports/";

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            ServerHttpRequest request = exchange.getRequest();
            String page = HttpMethod.GET.equals(request.getMethod()) && wantsHtml(request.getHeaders().getAccept())
                    ? page(request.getPath().pathWithinApplication().value()) : null;
            if (page != null) {
                exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
                exchange.getResponse().getHeaders().set(HttpHeaders.LOCATION, request.getPath().contextPath().value() + page);
                return exchange.getResponse().setComplete();
            }
            return chain.filter(exchange);
        }

        /** The UI page for an API path a browser may open, or null. */
        static String page(String path) {
            if ("/".equals(path)) {
                return "/ui";
            }
            if (path.startsWith(REPORTS) && path.length() > REPORTS.length() && path.indexOf('/', REPORTS.length()) < 0) {
                return "/ui/reports/" + path.substring(REPORTS.length());
            }
            return null;
        }

        public static boolean wantsHtml(List<MediaType> accepted) {
            boolean html = accepted.stream().anyMatch(type -> type.getQualityValue() > 0
                    && "text".equals(type.getType()) && "html".equals(type.getSubtype()));
            boolean json = accepted.stream().anyMatch(type -> "application".equals(type.getType())
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")));
            return html && !json;
        }
    }
}
