package dev.covenant.registry.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.registry.ui.UiScenario;
import dev.covenant.registry.ui.model.SearchIndex.Entry;
import dev.covenant.registry.ui.model.SearchIndex.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

public class SearchIndexTest {

    public static JsonNode tree(String text) {
        return OpenApiDocuments.readTree(text.getBytes(StandardCharsets.UTF_8), new DocumentLimits(1 << 20, 64, 0));
    }

    @Test
    void documentTermsNameOperationsPathsParametersAndSchemaFieldsWithWhereTheyAre() {
        List<Entry> entries = DocumentTerms.ofDocument("orders", "1.0", tree(UiScenario.document("1.0", false)));

        assertThat(entries).contains(
                new Entry(Kind.OPERATION, "GET /orders/{id}", "orders", "1.0", null, "Read one order"),
                new Entry(Kind.OPERATION, "getOrder", "orders", "1.0", null, "GET /orders/{id}"),
                new Entry(Kind.PATH, "/orders", "orders", "1.0", null, "path"),
                new Entry(Kind.PARAMETER, "id", "orders", "1.0", null, "GET /orders/{id} · path"),
                new Entry(Kind.FIELD, "customerId", "orders", "1.0", null, "schema Order"),
                new Entry(Kind.FIELD, "customerId", "orders", "1.0", null, "POST /orders · request body"));
    }

    @Test
    void pactTermsSayWhichConsumerReadsAFieldFromWhichProvider() {
        List<Entry> entries = DocumentTerms.ofPact("shop", "7", "orders", PactUsage.of(tree(UiScenario.pact("shop", "orders"))));

        assertThat(entries).contains(new Entry(Kind.PACT_FIELD, "customerId", "shop", "7", "orders",
                "reads customerId from orders (GET /orders/42)"));
    }

    @Test
    void searchRanksExactNamesBeforePrefixesBeforeOtherMatchesIgnoringCase() {
        SearchIndex index = new SearchIndex();
        index.replace("doc:a", List.of(
                new Entry(Kind.FIELD, "oldCustomerIdentifier", "a", "1", null, "schema A"),
                new Entry(Kind.FIELD, "customerIdHash", "a", "1", null, "schema A"),
                new Entry(Kind.FIELD, "customerId", "a", "1", null, "schema A"),
                new Entry(Kind.FIELD, "total", "a", "1", null, "schema A")));

        assertThat(index.search("CUSTOMERID", 10)).extracting(Entry::name)
                .containsExactly("customerId", "customerIdHash", "oldCustomerIdentifier");
        assertThat(index.search("customerid", 2)).hasSize(2);
        assertThat(index.search("  ", 10)).isEmpty();
    }

    @Test
    void republishingAnOwnerReplacesWhatItContributed() {
        SearchIndex index = new SearchIndex();
        index.replace("doc:a", List.of(new Entry(Kind.FIELD, "customerId", "a", "1", null, "schema A")));
        index.replace("doc:b", List.of(new Entry(Kind.FIELD, "customerId", "b", "1", null, "schema B")));

        index.replace("doc:a", List.of(new Entry(Kind.FIELD, "clientId", "a", "2", null, "schema A")));

        assertThat(index.search("customerId", 10)).extracting(Entry::application).containsExactly("b");
        assertThat(index.search("clientId", 10)).extracting(Entry::version).containsExactly("2");
        assertThat(index.names()).isEqualTo(2);
    }
}
