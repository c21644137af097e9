package dev.covenant.registry.ui.view;

import static dev.covenant.registry.ui.model.SearchIndexTest.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.diff.DiffOptions;
import dev.covenant.contract.diff.OpenApiDiff;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.ui.UiScenario;
import dev.covenant.registry.ui.model.BodyFields;
import dev.covenant.registry.ui.model.Edge;
import dev.covenant.registry.ui.model.PactUsage;
import dev.covenant.registry.ui.pages.UiWeb;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ViewModelsTest {

    private static Application app(String name, String team) {
        return new Application(name, null, team, null, "main", Instant.EPOCH, Instant.EPOCH, "1.0");
    }

    private static Edge edge(String consumer, String provider, Edge.Status status) {
        return new Edge(provider, consumer, "1.0", 1, "sha-" + consumer, status, null, 0);
    }

    @Test
    void catalogGroupsByTeamWithApplicationsWithoutATeamLastAndTheWorstContractStatus() {
        CatalogView view = CatalogView.of(List.of(app("web", "storefront"), app("orders", "Fulfilment"),
                        app("legacy", null), app("billing", "fulfilment")),
                List.of(edge("web", "orders", Edge.Status.VERIFIED), edge("billing", "orders", Edge.Status.FAILED)),
                name -> name.equals("orders") ? "2.0" : null, Map.of("orders", new CatalogView.Verdict(false, "r 1")), true);

        assertThat(view.teams()).extracting(CatalogView.TeamGroup::name)
                .containsExactly("Fulfilment", "fulfilment", "storefront", "No team");
        CatalogView.Row orders = view.teams().get(0).rows().get(0);
        assertThat(orders.status()).isEqualTo("failing");
        assertThat(orders.consumers()).isEqualTo(2);
        assertThat(orders.documentVersion()).isEqualTo("2.0");
        assertThat(orders.compatibility()).isEqualTo("breaking");
        assertThat(orders.reportHref()).isEqualTo("/ui/reports/r%201");
        assertThat(view.teams().get(2).rows().get(0).status()).isEqualTo("verified");
        assertThat(view.teams().get(3).rows().get(0).status()).isEqualTo("no contracts");
        assertThat(view.applications()).isEqualTo(4);
    }

    @Test
    void overlayMatchesPactRequestsToOperationsPreferringLiteralPathsAndListsTheFieldsRead() {
        JsonNode document = tree("""
                openapi: 3.0.3
                info: {title: T, version: "1"}
                servers: [{url: "https://api.example.com/v1"}]
                paths:
                  /orders/{id}: {get: {responses: {"200": {description: ok}}}}
                  /orders/mine: {get: {responses: {"200": {description: ok}}}}
                """);
        List<PactUsage.Use> uses = List.of(
                new PactUsage.Use(0, "one order", "GET", "/v1/orders/42", 200, List.of("id", "customerId"), List.of()),
                new PactUsage.Use(1, "my orders", "GET", "/orders/mine", 200, List.of("items[].id"), List.of()),
                new PactUsage.Use(2, "gone", "DELETE", "/orders/42", 204, List.of(), List.of()));

        ApiOverlay overlay = ApiOverlay.of("orders", document, List.of(new ApiOverlay.ConsumerPact("shop", "3", uses)));

        assertThat(overlay.operations()).extracting(ApiOverlay.OperationUse::name)
                .containsExactly("GET /orders/{id}", "GET /orders/mine");
        ApiOverlay.ConsumerUse byId = overlay.operations().get(0).consumers().get(0);
        assertThat(byId.consumer()).isEqualTo("shop");
        assertThat(byId.fieldsRead()).containsExactly("id", "customerId");
        assertThat(byId.pactHref()).isEqualTo("/ui/pacts/orders/shop?version=3");
        assertThat(overlay.operations().get(1).consumers().get(0).fieldsRead()).containsExactly("items[].id");
        assertThat(overlay.unmatched()).extracting(ApiOverlay.Unmatched::request).containsExactly("DELETE /orders/42");
    }

    @Test
    void bodyFieldsAreDottedPathsWithArrayMarkers() {
        assertThat(BodyFields.of(tree("{\"id\":1,\"items\":[{\"sku\":\"a\",\"price\":{\"amount\":1}}]}")))
                .containsExactly("id", "items", "items[].sku", "items[].price", "items[].price.amount");
        assertThat(BodyFields.leaf("items[].price.amount")).isEqualTo("amount");
        assertThat(BodyFields.leaf("items[]")).isEqualTo("items");
    }

    @Test
    void diffListsBreakingFindingsFirstAndShowsChangedOperationsWithSharedSchemasInlined() {
        JsonNode base = tree(UiScenario.document("1", false));
        JsonNode revision = tree(UiScenario.document("2", true));

        DiffView view = DiffView.of("1", "2", base, revision, OpenApiDiff.diff(base, revision, DiffOptions.defaults()));

        assertThat(view.breaking()).isEqualTo(2);
        assertThat(view.findings()).allMatch(row -> row.level().equals("ERR"));
        assertThat(view.findings()).extracting(DiffView.Row::ruleId)
                .contains("response-property-type-changed", "request-property-became-required");
        assertThat(view.findings()).extracting(DiffView.Row::fingerprint)
                .allMatch(fingerprint -> fingerprint.matches("[0-9a-f]{16}"))
                .doesNotHaveDuplicates();
        DiffView.OperationPair get = view.operations().stream()
                .filter(pair -> pair.name().equals("GET /orders/{id}")).findFirst().orElseThrow();
        assertThat(get.base()).anyMatch(line -> line.changed() && line.text().contains("\"number\""));
        assertThat(get.revision()).anyMatch(line -> line.changed() && line.text().contains("\"string\""));
        assertThat(get.revision()).noneMatch(line -> line.text().contains("$ref"));
    }

    @Test
    void graphPutsConsumersLeftOfTheirProvidersAndColoursEdgesByStatus() {
        List<Edge> edges = List.of(edge("web", "orders", Edge.Status.VERIFIED), edge("orders", "stock", Edge.Status.FAILED),
                edge("mobile", "orders", Edge.Status.UNVERIFIED));

        DependencyGraph graph = DependencyGraph.of(edges);
        String svg = graph.svg();

        assertThat(graph.nodes()).isEqualTo(4);
        assertThat(svg.indexOf(">web</text>")).isPositive();
        assertThat(x(svg, "web")).isLessThan(x(svg, "orders"));
        assertThat(x(svg, "orders")).isLessThan(x(svg, "stock"));
        assertThat(svg).contains("class=\"edge edge-failed\"").contains("stroke=\"#cf222e\"")
                .contains("stroke-dasharray").contains("href=\"/ui/applications/stock\"")
                .contains("<title>orders → stock: verification failed (consumer version 1.0)</title>");
    }

    @Test
    void graphOfAHundredApplicationsStaysReadable() {
        List<Edge> edges = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            edges.add(edge("app-" + i, "app-" + ((i * 7 + 3) % 100), Edge.Status.values()[i % 3]));
            edges.add(edge("app-" + i, "core-" + (i % 5), Edge.Status.VERIFIED));
        }

        DependencyGraph graph = DependencyGraph.of(edges);

        assertThat(graph.nodes()).isEqualTo(105);
        assertThat(graph.svg()).contains("<svg").endsWith("</svg>");
        // every node keeps its full height and a label; the drawing grows instead of shrinking text
        assertThat(graph.height()).isGreaterThanOrEqualTo(DependencyGraph.ROW_PITCH * 20);
    }

    @Test
    void linksFromPublishedDataAreOnlyHttp() {
        assertThat(UiFormat.safeUrl("https://ci.example.com/build/1")).isEqualTo("https://ci.example.com/build/1");
        assertThat(UiFormat.safeUrl(" JavaScript:alert(1)")).isNull();
        assertThat(UiFormat.safeUrl("data:text/html,x")).isNull();
        assertThat(UiFormat.safeUrl(null)).isNull();
    }

    @Test
    void svgEscapesNames() {
        assertThat(DependencyGraph.escape("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    @Test
    void onlyBrowsersAskingForHtmlAndNotJsonAreRedirected() {
        assertThat(UiWeb.BrowserRedirect.wantsHtml(MediaType.parseMediaTypes(
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))).isTrue();
        assertThat(UiWeb.BrowserRedirect.wantsHtml(MediaType.parseMediaTypes("application/hal+json, text/html"))).isFalse();
        assertThat(UiWeb.BrowserRedirect.wantsHtml(MediaType.parseMediaTypes("application/json"))).isFalse();
        assertThat(UiWeb.BrowserRedirect.wantsHtml(MediaType.parseMediaTypes("*/*"))).isFalse();
    }

    private static int x(String svg, String name) {
        int link = svg.indexOf("href=\"/ui/applications/" + name + "\"");
        int rect = svg.indexOf("<rect x=\"", link) + "<rect x=\"".length();
        return Integer.parseInt(svg.substring(rect, svg.indexOf('"', rect)));
    }

    @Test
    void failedVerificationReasonsComeFromThePublishedTestResultsAndIgnoreWhatIsNotThatShape() {
        List<Object> results = List.of(
                Map.of("interactionId", "i1", "success", true),
                Map.of("interactionDescription", "get item 42", "success", false, "mismatches", List.of(
                        Map.of("attribute", "body", "identifier", "$.name", "description", "Expected a string"),
                        "not a mismatch")),
                Map.of("interactionId", "i3", "success", false, "exceptions", List.of(Map.of("message", "x".repeat(2000)))),
                Map.of("interactionId", "i4", "success", false, "mismatches", "not a list"),
                "not a result");

        List<VerificationReasons.Reason> reasons = VerificationReasons.of(results);

        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).isEqualTo(new VerificationReasons.Reason("get item 42", "body $.name", "Expected a string"));
        assertThat(reasons.get(1).interaction()).isEqualTo("i3");
        assertThat(reasons.get(1).what()).hasSize(VerificationReasons.MAX_TEXT + 1).endsWith("…");
        assertThat(reasons.get(2).what()).contains("no details");
        List<Object> many = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(Map.of("interactionId", "i" + i, "success", false));
        }
        assertThat(VerificationReasons.of(many)).hasSize(VerificationReasons.MAX_REASONS);
        assertThat(VerificationReasons.of(null)).isEmpty();
    }

    private static final dev.covenant.registry.pacticipants.Pacticipants.VersionPage NO_VERSIONS =
            new dev.covenant.registry.pacticipants.Pacticipants.VersionPage(List.of(), 0, null);
    private static final dev.covenant.registry.pacticipants.Pacticipants.BranchPage NO_BRANCHES =
            new dev.covenant.registry.pacticipants.Pacticipants.BranchPage(List.of(), false);

    @Test
    void aPactFailingOnlyAgainstAVersionDeployedNowhereIsNotFailingAndSaysWhatRunsWhere() {
        Edge failedByNext = new Edge("orders", "web", "1.0", 1, "sha-web", Edge.Status.FAILED, "2.0", 3);
        var prod = new dev.covenant.registry.environments.Deployment("d1", "orders", "1.0", "env-1", "production", null,
                Instant.EPOCH, null, true);
        var nothing = new ApplicationView.Compatibility(true, "compatible", "t", "/ui/reports/r");

        ApplicationView consumerPage = ApplicationView.of(app("web", "storefront"), NO_VERSIONS, true, NO_BRANCHES,
                List.of(), List.of(), List.of(failedByNext), java.util.Set.of(), List.of(), nothing,
                Map.of("orders", List.of(prod)));

        assertThat(consumerPage.status()).isEqualTo("fails only against a version deployed nowhere");
        assertThat(consumerPage.statusCss()).isEqualTo("warn");
        ApplicationView.Partner orders = consumerPage.providers().get(0);
        assertThat(orders.status()).isEqualTo("fails against 2.0 (not deployed)");
        assertThat(orders.detail()).isEqualTo("fails against orders 2.0, which is deployed nowhere; production runs orders 1.0");

        var prodRunsNext = new dev.covenant.registry.environments.Deployment("d2", "orders", "2.0", "env-1", "production",
                null, Instant.EPOCH, null, true);
        ApplicationView providerPage = ApplicationView.of(app("orders", "fulfilment"), NO_VERSIONS, true, NO_BRANCHES,
                List.of(), List.of(prodRunsNext), List.of(failedByNext), java.util.Set.of(), List.of(), nothing, Map.of());

        assertThat(providerPage.status()).isEqualTo("failing");
        assertThat(providerPage.consumers().get(0).status()).isEqualTo("verification failed");
        assertThat(providerPage.consumers().get(0).detail()).isEqualTo("fails against orders 2.0; production runs orders 2.0");
    }

    @Test
    void searchSummaryCountsPlacesAndApplicationsWithTheirPlurals() {
        SearchView one = new SearchView("id", List.of(hit("orders")), false, true);
        SearchView three = new SearchView("id", List.of(hit("orders"), hit("orders"), hit("web")), false, true);
        SearchView many = new SearchView("id", List.of(hit("orders"), hit("web")), true, true);

        assertThat(one.summary()).isEqualTo("1 place in 1 application");
        assertThat(three.summary()).isEqualTo("3 places in 2 applications");
        assertThat(many.summary()).isEqualTo("2+ places in 2 applications");
    }

    private static SearchView.Hit hit(String application) {
        return new SearchView.Hit("field", "id", application, "1.0", "schema Order", "/ui/x");
    }
}
