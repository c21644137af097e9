package dev.covenant.registry.security;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import dev.covenant.registry.system.Problems;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The request filter chain: in secured mode bearer or basic credentials checked against the token store, roles per
 * endpoint family, ownership of the application named in the path, and a rate limit per token; in both modes CSRF
 * protection of the UI's forms ({@code /ui/**}, never the API that CLIs call), security headers and CORS (off
 * unless configured).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String REALM = "Covenant";
    private static final String READ = Role.READ.id();
    private static final String PUBLISH = Role.PUBLISH.id();
    private static final String ADMIN = Role.ADMIN.id();

    /** Unsafe requests on these paths write for the application in the {@code application} variable. */
    private static final List<String> OWNED_PATHS = List.of(
            "/pacticipants/{application}", "/pacticipants/{application}/**",
            "/applications/{application}", "/applications/{application}/**",
            "/pacts/provider/{provider}/consumer/{application}/version/**",
            "/pacts/provider/{application}/consumer/{consumer}/pact-version/**",
            "/provider-contracts/provider/{application}/**", "/contracts/provider/{application}/version/**");

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, SecurityProperties properties, Tokens tokens,
            ApplicationOwners owners) {
        ExchangeSecurityContextRepository contexts = new ExchangeSecurityContextRepository();
        ServerAuthenticationEntryPoint challenge = SecurityConfiguration::challenge;
        http.securityContextRepository(contexts)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(challenge)
                        .accessDeniedHandler(SecurityConfiguration::denied))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(uiForms())
                        .csrfTokenRepository(csrfCookie())
                        .accessDeniedHandler(SecurityConfiguration::csrfRefused))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(properties.contentSecurityPolicy()))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        if (properties.cors().allowedOrigins().isEmpty()) {
            http.cors(ServerHttpSecurity.CorsSpec::disable);
        } else {
            http.cors(cors -> cors.configurationSource(corsSource(properties.cors())));
        }
        if (properties.rateLimit().enabled()) {
            http.addFilterAfter(new RateLimitFilter(properties), SecurityWebFiltersOrder.AUTHENTICATION);
        }
        if (!properties.secured()) {
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll()).build();
        }
        AuthenticationWebFilter authentication = new AuthenticationWebFilter(new TokenAuthenticationManager(tokens));
        authentication.setServerAuthenticationConverter(new CredentialsConverter());
        authentication.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(challenge));
        authentication.setSecurityContextRepository(contexts);
        http.addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION);
        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/admin", "/admin/**").hasAuthority(ADMIN)
                        .pathMatchers(HttpMethod.GET, "/**").hasAuthority(READ)
                        .pathMatchers(HttpMethod.HEAD, "/**").hasAuthority(READ)
                        .pathMatchers(HttpMethod.OPTIONS, "/**").hasAuthority(READ)
                        .pathMatchers(HttpMethod.POST, "/pacts/provider/{provider}/for-verification",
                                "/applications/{application}/pre-merge-check").hasAuthority(READ)
                        .pathMatchers(HttpMethod.DELETE, "/**").hasAuthority(ADMIN)
                        .pathMatchers("/teams/{team}/subscriptions", "/teams/{team}/subscriptions/**")
                        .access(teamMember())
                        .pathMatchers("/teams/**", "/webhooks/**", "/environments/**", "/notifications/**")
                        .hasAuthority(ADMIN)
                        // Any publishing team may propose for any application; the proposals feature checks who acts.
                        .pathMatchers(HttpMethod.POST, "/applications/{application}/proposals").hasAuthority(PUBLISH)
                        .pathMatchers(OWNED_PATHS.toArray(String[]::new)).access(owner(owners))
                        .anyExchange().hasAuthority(PUBLISH))
                .build();
    }

    /**
     * No Micrometer observation of each security filter, authentication and authorization: with the actuator present,
     * Spring Security otherwise wraps every filter of the chain in an observation of its own on every request (their
     * timers, {@code spring_security_*}, were never read). The request itself stays timed ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict request firewall, allowing what Pact Broker clients send: names with {@code /} and
     * {@code %} are percent-encoded in paths ({@code feat%2Flogin}). Handler mappings and the rules above both match
     * on the same decoded segments, so an encoded slash cannot reach a handler that a rule did not see.
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }

    @Bean
    ServerExchangeRejectedHandler rejectedRequestHandler() {
        return (exchange, rejected) -> Problems.write(exchange, HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", "The request was refused: " + rejected.getMessage(), "request");
    }

    /**
     * Publishers may write for an application that is their team's or nobody's; admins for all. Only a read: the write
     * path claims an unowned application once the request is known to be valid.
     */
    private static ReactiveAuthorizationManager<AuthorizationContext> owner(ApplicationOwners owners) {
        return (authentication, context) -> callerOf(authentication)
                .flatMap(caller -> mayWrite(owners, caller, (String) context.getVariables().get("application")))
                .<AuthorizationResult>map(AuthorizationDecision::new)
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    private static Mono<Boolean> mayWrite(ApplicationOwners owners, Caller caller, String application) {
        if (caller.role() == Role.ADMIN) {
            return Mono.just(true);
        }
        if (caller.role() != Role.PUBLISH) {
            return Mono.just(false);
        }
        return owners.ownerOf(application)
                .map(team -> team.equals(caller.team()))
                .defaultIfEmpty(true);
    }

    /** A team's own publishers (and admins) manage its subscriptions. */
    private static ReactiveAuthorizationManager<AuthorizationContext> teamMember() {
        return (authentication, context) -> callerOf(authentication)
                .map(caller -> caller.role() == Role.ADMIN || caller.role() == Role.PUBLISH
                        && context.getVariables().get("team").equals(caller.team()))
                .<AuthorizationResult>map(AuthorizationDecision::new)
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    private static Mono<Caller> callerOf(Mono<Authentication> authentication) {
        return authentication.filter(Authentication::isAuthenticated)
                .map(Authentication::getPrincipal)
                .ofType(Caller.class);
    }

    private static ServerWebExchangeMatcher uiForms() {
        return new AndServerWebExchangeMatcher(pathMatchers("/ui", "/ui/**"), CsrfWebFilter.DEFAULT_CSRF_MATCHER);
    }

    private static CookieServerCsrfTokenRepository csrfCookie() {
        CookieServerCsrfTokenRepository repository = new CookieServerCsrfTokenRepository();
        repository.setCookiePath("/ui");
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return repository;
    }

    private static UrlBasedCorsConfigurationSource corsSource(SecurityProperties.Cors cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "X-Request-Id"));
        configuration.setExposedHeaders(List.of("X-Request-Id", HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
        configuration.setMaxAge(cors.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }

    /** 401 with the challenges: pact-jvm sends basic credentials only after a {@code Basic} one. */
    private static Mono<Void> challenge(ServerWebExchange exchange,
            org.springframework.security.core.AuthenticationException failure) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.add(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        headers.add(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
        String detail = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                ? "The credentials were not accepted: " + failure.getMessage()
                : "This registry is secured: send a token (Authorization: Bearer <token>) or HTTP basic credentials "
                        + "(user name = token name, password = token)";
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail,
                "authentication");
    }

    private static Mono<Void> denied(ServerWebExchange exchange,
            org.springframework.security.access.AccessDeniedException denied) {
        Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
        String who = caller == null ? "This caller" : "Token '" + caller.name() + "' (role " + caller.role().id()
                + (caller.team() == null ? "" : ", team " + caller.team()) + ")";
        String detail = who + " may not " + exchange.getRequest().getMethod() + " "
                + exchange.getRequest().getPath().value()
                + ": it needs a larger role, or the application belongs to another team";
        return Problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, "authorization");
    }

    private static Mono<Void> csrfRefused(ServerWebExchange exchange,
            org.springframework.security.access.AccessDeniedException denied) {
        return Problems.write(exchange, HttpStatus.FORBIDDEN, "csrf", "Forbidden",
                "The form was not sent with a valid CSRF token; reload the page and submit it again", "csrf");
    }
}
