package dev.covenant.registry.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.check.CheckOptions;
import dev.covenant.contract.check.PactChecker;
import dev.covenant.contract.diff.DiffOptions;
import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.OpenApiDiff;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.pact.Pact;
import dev.covenant.contract.pact.Pacts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures named the way people read them: operation, field, and the rule of the change that broke them. */
class PactFailuresTest {

    private static final String ORDERS_V1 = """
            {"openapi": "3.0.3", "info": {"title": "Orders", "version": "1"}, "paths": {
              "/orders/{id}": {"get": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                  "type": "object", "required": ["item"], "properties": {"item": {"type": "object",
                    "required": ["sku", "quantity"],
                    "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer"}}}}}}}}}}},
              "/orders": {"post": {
                "requestBody": {"content": {"application/json": {"schema": {"type": "object",
                  "properties": {"sku": {"type": "string"}}}}}},
                "responses": {"201": {"description": "created"}}}}}}
            """;

    /** v2: item.quantity removed, a required request property added, and the POST kept. */
    private static final String ORDERS_V2 = ORDERS_V1
            .replace("\"properties\": {\"sku\": {\"type\": \"string\"}}}}}}",
                    "\"required\": [\"customer\"], \"properties\": {\"sku\": {\"type\": \"string\"}, "
                            + "\"customer\": {\"type\": \"string\"}}}}}}")
            .replace("\"required\": [\"sku\", \"quantity\"]", "\"required\": [\"sku\"]")
            .replace(", \"quantity\": {\"type\": \"integer\"}", "");

    private static final String PACT = """
            {"consumer": {"name": "shop"}, "provider": {"name": "orders"}, "interactions": [
              {"description": "an order", "request": {"method": "GET", "path": "/orders/7"},
               "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                            "body": {"item": {"sku": "a", "quantity": 2}}}},
              {"description": "place an order", "request": {"method": "POST", "path": "/orders",
                 "headers": {"Content-Type": "application/json"}, "body": {"sku": "a"}},
               "response": {"status": 201}},
              {"description": "cancel", "request": {"method": "DELETE", "path": "/orders/7"},
               "response": {"status": 204}}]}
            """;

    @Test
    void introducedFailuresNameOperationNestedFieldAndRule() throws Exception {
        ParsedDocument v1 = parse(ORDERS_V1);
        ParsedDocument v2 = parse(ORDERS_V2);
        Pact pact = Pacts.parse(new ObjectMapper().readTree(PACT));
        PactChecker before = PactChecker.forDocument(v1.tree(), CheckOptions.defaults());
        PactChecker after = PactChecker.forDocument(v2.tree(), CheckOptions.defaults());
        DiffReport diff = OpenApiDiff.diff(v1, v2, DiffOptions.defaults());

        List<Failure> old = PactFailures.check(before, pact);
        List<Failure> introduced = PactFailures.withRuleIds(
                PactFailures.introduced(old, PactFailures.check(after, pact), before, pact), diff);

        assertThat(old).extracting(Failure::code).containsExactly("request.path-or-method.unknown");
        assertThat(introduced).extracting(Failure::interaction, Failure::operation, Failure::field, Failure::ruleId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("an order", "GET /orders/{id}", "item.quantity",
                                "response-required-property-removed"),
                        org.assertj.core.groups.Tuple.tuple("place an order", "POST /orders", "customer",
                                "new-required-request-property"));
    }

    @Test
    void fieldsAndLeavesReadPathsOfEitherNotation() {
        assertThat(PactFailures.leaf("items/0/quantity")).isEqualTo("quantity");
        assertThat(PactFailures.leaf("item.quantity")).isEqualTo("quantity");
        assertThat(PactFailures.leaf("")).isNull();
        assertThat(PactFailures.distinct(List.of(
                new Failure("a", "GET /x", "GET /x", "f", "c", "p", "m", null),
                new Failure("a", "GET /x", "GET /x", "f", "c", "p", "m", "rule"))))
                .hasSize(1);
    }

    private static ParsedDocument parse(String json) {
        return OpenApiDocuments.parse(json.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }
}
