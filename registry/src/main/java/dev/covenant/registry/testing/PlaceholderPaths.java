package dev.covenant.registry.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Maps the placeholder paths of the Pact Broker clients' pacts ({@code /HAL-REL-PLACEHOLDER-…},
 * {@code /PLACEHOLDER-…}: a consumer test does not know the real relation URLs) to the real paths, and puts the
 * matrix query strings back in the order the client sent, as the Pact Broker's own verification does
 * ({@code spec/service_consumers/hal_relation_proxy_app.rb}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = ProviderStatesConfiguration.SWITCH, havingValue = "true")
class PlaceholderPaths implements WebFilter {

    private static final String FOO_VERSION = "/pacticipants/Foo/versions/5556b8149bf8bac76bc30f50a8a2dd4c22c85f30";

    static final Map<String, String> PATHS = new LinkedHashMap<>();
    /**
     * Matrix queries whose {@code q[]} members the verifier sends grouped by key; a Rack-style reader (the Pact
     * Broker's, and the registry's) pairs members by order, so the Pact Broker's verification restores the order.
     */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        PATHS.put("/HAL-REL-PLACEHOLDER-INDEX-PB-LATEST-TAGGED-VERSION-Condor-production",
                "/pacticipants/Condor/latest-version/production");
        PATHS.put("/HAL-REL-PLACEHOLDER-INDEX-PB-LATEST-VERSION-Condor", "/pacticipants/Condor/latest-version");
        PATHS.put("/HAL-REL-PLACEHOLDER-PB-WEBHOOKS", "/webhooks");
        PATHS.put("/HAL-REL-PLACEHOLDER-INDEX-PB-PACTICIPANT-VERSION-Foo-26f353580936ad3b9baddb17b00e84f33c69e7cb",
                "/pacticipants/Foo/versions/26f353580936ad3b9baddb17b00e84f33c69e7cb");
        PATHS.put("/HAL-REL-PLACEHOLDER-PB-ENVIRONMENTS", "/environments");
        PATHS.put("/HAL-REL-PLACEHOLDER-PB-PACTICIPANT-VERSION-Foo-5556b8149bf8bac76bc30f50a8a2dd4c22c85f30",
                FOO_VERSION);
        PATHS.put("/HAL-REL-PLACEHOLDER-PB-RECORD-DEPLOYMENT-FOO-5556B8149BF8BAC76BC30F50A8A2DD4C22C85F30-TEST",
                FOO_VERSION + "/deployed-versions/environment/cb632df3-0a0d-4227-aac3-60114dd36479");
        PATHS.put("/HAL-REL-PLACEHOLDER-PB-PUBLISH-CONTRACTS", "/contracts/publish");
        // As in the Pact Broker's mapping: the release placeholder leads to the deployment path too.
        PATHS.put("/HAL-REL-PLACEHOLDER-PB-RECORD-RELEASE-FOO-5556B8149BF8BAC76BC30F50A8A2DD4C22C85F30-TEST",
                FOO_VERSION + "/deployed-versions/environment/cb632df3-0a0d-4227-aac3-60114dd36479");
        PATHS.put("/PLACEHOLDER-DEPLOYED-VERSION-ff3adecf-cfc5-4653-a4e3-f1861092f8e0",
                "/deployed-versions/ff3adecf-cfc5-4653-a4e3-f1861092f8e0");
        PATHS.put("/PLACEHOLDER-ENVIRONMENT-CURRENTLY-DEPLOYED-16926ef3-590f-4e3f-838e-719717aa88c9",
                "/environments/16926ef3-590f-4e3f-838e-719717aa88c9/deployed-versions/currently-deployed");
        PATHS.put("/HAL-REL-PLACEHOLDER-PB-ENVIRONMENT-16926ef3-590f-4e3f-838e-719717aa88c9",
                "/environments/16926ef3-590f-4e3f-838e-719717aa88c9");
        PATHS.put("/HAL-REL-PLACEHOLDER-PB-PACTICIPANT-BRANCH-Foo-main", "/pacticipants/Foo/branches/main");
        // Not in the Pact Broker's mapping (PactFlow verifies these pacts): the index's pf:publish-provider-contract.
        PATHS.put("/HAL-REL-PLACEHOLDER-PF-PUBLISH-PROVIDER-CONTRACT-Bar", "/provider-contracts/provider/Bar/publish");
    }

    static {
        QUERIES.put("ignore%5B%5D%5Bpacticipant%5D=Foo&ignore%5B%5D%5Bversion%5D=3.4.5&latestby=cvpv&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Btag%5D=prod&q%5B%5D%5Bversion%5D=4.5.6",
                "q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bversion%5D=4.5.6&q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Btag%5D=prod&latestby=cvpv&ignore%5B%5D%5Bpacticipant%5D=Foo&ignore%5B%5D%5Bversion%5D=3.4.5");
        QUERIES.put("ignore[][pacticipant]=Foo&ignore[][version]=3%2e4%2e5&latestby=cvpv&q[][pacticipant]=Bar&q[][pacticipant]=Foo&q[][tag]=prod&q[][version]=4%2e5%2e6",
                "q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bversion%5D=4.5.6&q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Btag%5D=prod&latestby=cvpv&ignore%5B%5D%5Bpacticipant%5D=Foo&ignore%5B%5D%5Bversion%5D=3.4.5");
        QUERIES.put("latestby=cvpv&q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bversion%5D=1.2.3&q%5B%5D%5Bversion%5D=4.5.6",
                "q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bversion%5D=1.2.3&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bversion%5D=4.5.6&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q%5B%5D%5Bpacticipant%5D=Foo+Thing&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bversion%5D=1.2.3&q%5B%5D%5Bversion%5D=4.5.6",
                "q%5B%5D%5Bpacticipant%5D=Foo%20Thing&q%5B%5D%5Bversion%5D=1.2.3&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bversion%5D=4.5.6&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bversion%5D=1.2.3&q%5B%5D%5Bversion%5D=9.9.9",
                "q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bversion%5D=1.2.3&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bversion%5D=9.9.9&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q%5B%5D%5Blatest%5D=true&q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Btag%5D=prod&q%5B%5D%5Bversion%5D=1.2.3",
                "q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bversion%5D=1.2.3&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Blatest%5D=true&q%5B%5D%5Btag%5D=prod&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q%5B%5D%5Blatest%5D=true&q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bversion%5D=1.2.4",
                "q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bversion%5D=1.2.4&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Blatest%5D=true&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q[][latest]=true&q[][pacticipant]=Foo&q[][tag]=prod&q[][version]=1%2e2%2e3&q[][pacticipant]=Bar",
                "q[][pacticipant]=Foo&q[][version]=1%2e2%2e3&q[][pacticipant]=Bar&q[][latest]=true&q[][tag]=prod&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q[][latest]=true&q[][pacticipant]=Foo&q[][version]=1%2e2%2e4&q[][pacticipant]=Bar",
                "q[][pacticipant]=Foo&q[][version]=1%2e2%2e4&q[][pacticipant]=Bar&q[][latest]=true&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q[][pacticipant]=Foo+Thing&q[][pacticipant]=Bar&q[][version]=1%2e2%2e3&q[][version]=4%2e5%2e6",
                "q[][pacticipant]=Foo+Thing&q[][version]=1%2e2%2e3&q[][pacticipant]=Bar&q[][version]=4%2e5%2e6&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q[][pacticipant]=Foo&q[][pacticipant]=Bar&q[][version]=1%2e2%2e3&q[][version]=4%2e5%2e6",
                "q[][pacticipant]=Foo&q[][version]=1%2e2%2e3&q[][pacticipant]=Bar&q[][version]=4%2e5%2e6&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q[][latest]=true&q[][pacticipant]=Foo&q[][pacticipant]=Bar&q[][tag]=prod&q[][version]=1%2e2%2e3",
                "q[][pacticipant]=Foo&q[][version]=1%2e2%2e3&q[][pacticipant]=Bar&q[][latest]=true&q[][tag]=prod&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q[][latest]=true&q[][pacticipant]=Foo&q[][pacticipant]=Bar&q[][version]=1%2e2%2e4",
                "q[][pacticipant]=Foo&q[][version]=1%2e2%2e4&q[][pacticipant]=Bar&q[][latest]=true&latestby=cvpv");
        QUERIES.put("latestby=cvpv&q[][pacticipant]=Foo&q[][pacticipant]=Bar&q[][version]=1%2e2%2e3&q[][version]=9%2e9%2e9",
                "q[][pacticipant]=Foo&q[][version]=1%2e2%2e3&q[][pacticipant]=Bar&q[][version]=9%2e9%2e9&latestby=cvpv");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        URI uri = exchange.getRequest().getURI();
        String path = replaceAll(uri.getRawPath(), PATHS);
        String query = uri.getRawQuery() == null ? null : replaceAll(uri.getRawQuery(), QUERIES);
        if (path.equals(uri.getRawPath()) && java.util.Objects.equals(query, uri.getRawQuery())) {
            return chain.filter(exchange);
        }
        // Built by hand: UriComponentsBuilder would group the query's parameters by name, losing their order.
        URI real = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path
                + (query == null ? "" : "?" + query));
        return chain.filter(exchange.mutate()
                .request(request -> request.uri(real))
                .build());
    }

    private static String replaceAll(String text, Map<String, String> replacements) {
        String replaced = text;
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            replaced = replaced.replace(replacement.getKey(), replacement.getValue());
        }
        return replaced;
    }
}
