package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * A component renamed with its content unchanged is the same component with the default options: as a
 * oneOf/anyOf member (where the reference name is otherwise the member's identity), wherever it is used, and
 * in the list of component schemas. A renamed member whose content changed keeps its name as its identity.
 */
class RenamedComponentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A response that is a oneOf of {@code Cat} and {@code Dog}, both pointing at {@code Owner} (which refers to
     * itself); {@code dog}, {@code owner} name the components, {@code dogLegs} is a property of the dog.
     */
    private static JsonNode document(String dog, String owner, String dogLegs) throws Exception {
        return JSON.readTree("""
                {"openapi": "3.0.3", "info": {"title": "Pets", "version": "1"},
                 "paths": {"/pets/{id}": {"get": {
                   "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "responses": {"200": {"description": "a pet", "content": {"application/json": {"schema":
                     {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/%1$s"}]}}}}}}}},
                 "components": {"schemas": {
                   "Cat": {"type": "object", "required": ["lives"], "properties": {
                     "lives": {"type": "integer"}, "owner": {"$ref": "#/components/schemas/%2$s"}}},
                   "%1$s": {"type": "object", "required": ["legs"], "properties": {
                     "legs": {"type": "%3$s"}, "owner": {"$ref": "#/components/schemas/%2$s"}}},
                   "%2$s": {"type": "object", "properties": {
                     "name": {"type": "string"}, "friend": {"$ref": "#/components/schemas/%2$s"}}}}}}
                """.formatted(dog, owner, dogLegs));
    }

    @Test
    void aOneOfMemberRenamedWithItsContentUnchangedReportsNothing() throws Exception {
        DiffReport report = OpenApiDiff.diff(document("Dog", "Owner", "integer"),
                document("Hound", "Person", "integer"), DiffOptions.defaults());

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void aOneOfMemberRenamedWithItsContentChangedIsOneMemberRemovedAndOneAdded() throws Exception {
        DiffReport report = OpenApiDiff.diff(document("Dog", "Owner", "integer"),
                document("Hound", "Owner", "string"), DiffOptions.defaults());

        assertThat(report.findings()).extracting(Finding::ruleId)
                .contains("response-body-one-of-removed", "response-body-one-of-added", "api-schema-removed");
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("api-schema-removed"))
                .extracting(f -> f.details().get("schema")).containsExactly("Dog");
    }

    @Test
    void aRenamedComponentWhoseNestedReferenceChangedIsNotTheSame() throws Exception {
        JsonNode base = document("Dog", "Owner", "integer");
        JsonNode revision = document("Hound", "Person", "integer");
        ((com.fasterxml.jackson.databind.node.ObjectNode) revision.at("/components/schemas/Person/properties/name"))
                .put("type", "integer");

        DiffReport report = OpenApiDiff.diff(base, revision, DiffOptions.defaults());

        assertThat(report.findings()).extracting(Finding::ruleId).contains("response-body-one-of-removed",
                "response-body-one-of-added", "response-property-type-changed");
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("api-schema-removed"))
                .extracting(f -> f.details().get("schema")).containsExactlyInAnyOrder("Dog", "Owner");
    }

    @Test
    void aComponentRemovedForGoodIsStillReported() throws Exception {
        JsonNode revision = document("Dog", "Owner", "integer");
        JsonNode base = document("Dog", "Owner", "integer");
        ((com.fasterxml.jackson.databind.node.ObjectNode) base.at("/components/schemas"))
                .set("Unused", JSON.readTree("{\"type\": \"object\"}"));

        DiffReport report = OpenApiDiff.diff(base, revision, DiffOptions.defaults());

        assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("api-schema-removed");
    }
}
