package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link Finding#fingerprint()} names a change, not a place in a file: agreements, ignore lists and links
 * key on it, so it must survive key order, unrelated edits, {@code $ref} renames and later revisions, and
 * still tell two different changes apart.
 */
class FingerprintTest {

    /** The knobs a revision of the pet document can turn. */
    private record Pets(String pathParameter, String petName, String ownerName, boolean tag, boolean email,
                        String sortValues, boolean sortFirst, boolean owners) {

        static Pets base() {
            return new Pets("petId", "Pet", "Owner", true, true, "[asc, desc]", false, false);
        }

        Pets withoutTag() {
            return new Pets(pathParameter, petName, ownerName, false, email, sortValues, sortFirst, owners);
        }

        Pets withoutEmail() {
            return new Pets(pathParameter, petName, ownerName, tag, false, sortValues, sortFirst, owners);
        }

        Pets sort(String values) {
            return new Pets(pathParameter, petName, ownerName, tag, email, values, sortFirst, owners);
        }

        Pets renamed(String pet, String owner) {
            return new Pets(pathParameter, pet, owner, tag, email, sortValues, sortFirst, owners);
        }

        Pets pathParameter(String name) {
            return new Pets(name, petName, ownerName, tag, email, sortValues, sortFirst, owners);
        }

        Pets unrelatedEdits() {
            return new Pets(pathParameter, petName, ownerName, tag, email, sortValues, true, true);
        }

        JsonNode tree() {
            String sort = "        - {name: sort, in: query, schema: {type: string, enum: " + sortValues + "}}\n";
            String yaml = """
                    openapi: 3.0.3
                    info: {title: pets, version: "1"}
                    paths:
                      /pets/{%1$s}:
                        get:
                          parameters:
                    %5$s        - {name: %1$s, in: path, required: true, schema: {type: string}}
                            - {name: limit, in: query, schema: {type: integer}}
                    %6$s      responses:
                            "200":
                              description: ok
                              content:
                                application/json:
                                  schema: {$ref: '#/components/schemas/%2$s'}
                      /pets:
                        get:
                          responses:
                            "200":
                              description: ok
                              content:
                                application/json:
                                  schema: {type: array, items: {$ref: '#/components/schemas/%2$s'}}
                    %7$s
                    components:
                      schemas:
                        %2$s:
                          type: object
                          properties:
                            name: {type: string}
                    %3$s        owner: {$ref: '#/components/schemas/%4$s'}
                        %4$s:
                          type: object
                          properties:
                            id: {type: string}
                    %8$s
                    """.formatted(pathParameter, petName, tag ? "        tag: {type: string}\n" : "",
                    ownerName, sortFirst ? sort : "", sortFirst ? "" : sort,
                    owners ? "  /owners:\n    get:\n      responses:\n        \"200\": {description: ok}" : "",
                    email ? "        email: {type: string}" : "");
            return OpenApiDocuments.readTree(yaml.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
        }
    }

    private static List<Finding> diff(Pets base, Pets revision) {
        return OpenApiDiff.diff(base.tree(), revision.tree(), DiffOptions.defaults()).findings();
    }

    private static Map<String, String> byFingerprint(List<Finding> findings) {
        Map<String, String> map = new TreeMap<>();
        findings.forEach(f -> map.put(f.fingerprint(), f.ruleId() + " " + f.operation() + " " + f.location()));
        return map;
    }

    /** Every object's keys in the opposite order, recursively. */
    private static JsonNode reversed(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.reverse(names);
            names.forEach(name -> copy.set(name, reversed(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(reversed(item)));
            return copy;
        }
        return node;
    }

    private static final Pets CHANGED = Pets.base().withoutTag().withoutEmail().sort("[asc]");

    @Test
    void theChangesUnderTestAreFoundWithOneFingerprintEach() {
        List<Finding> findings = diff(Pets.base(), CHANGED);
        assertThat(findings).extracting(Finding::ruleId).contains("response-optional-property-removed",
                "request-parameter-enum-value-removed");
        assertThat(findings).allSatisfy(f -> assertThat(f.fingerprint()).matches("[0-9a-f]{16}"));
        assertThat(byFingerprint(findings)).hasSameSizeAs(findings);
    }

    @Test
    void keyOrderDoesNotChangeAFingerprint() {
        List<Finding> plain = diff(Pets.base(), CHANGED);
        List<Finding> reordered = OpenApiDiff.diff(reversed(Pets.base().tree()), reversed(CHANGED.tree()),
                DiffOptions.defaults()).findings();
        assertThat(byFingerprint(reordered)).isEqualTo(byFingerprint(plain));
    }

    @Test
    void unrelatedEditsKeepTheFingerprintsOfTheChangesAlreadyThere() {
        Map<String, String> before = byFingerprint(diff(Pets.base(), CHANGED));
        // another operation added, and the changed query parameter moved to the front of the list
        Map<String, String> after = byFingerprint(diff(Pets.base(), CHANGED.unrelatedEdits()));
        assertThat(after).containsAllEntriesOf(before);
        assertThat(after.values()).anyMatch(v -> v.startsWith("endpoint-added GET /owners"));
    }

    @Test
    void renamingComponentsWithTheSameContentKeepsTheFingerprints() {
        Map<String, String> plain = byFingerprint(diff(Pets.base(), CHANGED));
        Map<String, String> renamed = byFingerprint(diff(Pets.base(), CHANGED.renamed("Animal", "Person")));
        // the renamed components also read as removed schemas; every other finding is the same change as before
        assertThat(renamed).containsAllEntriesOf(plain);
        renamed.keySet().removeAll(plain.keySet());
        assertThat(renamed.values()).isNotEmpty().allMatch(v -> v.startsWith("api-schema-removed"));
        assertThat(byFingerprint(diff(Pets.base().renamed("A", "B"), CHANGED.renamed("C", "D"))))
                .containsAllEntriesOf(plain);
    }

    @Test
    void aChangeKeepsItsFingerprintAcrossRevisionsOfAProposal() {
        Finding first = single(diff(Pets.base(), Pets.base().withoutTag()), "response-optional-property-removed");
        // the second revision also removes email and renames the path parameter
        List<Finding> second = diff(Pets.base(), Pets.base().withoutTag().withoutEmail().pathParameter("id"));
        assertThat(second).extracting(Finding::fingerprint).contains(first.fingerprint());
        // and once the rename has landed, the same change diffed against the renamed base keeps it too
        List<Finding> rebased = diff(Pets.base().pathParameter("id"),
                Pets.base().withoutTag().withoutEmail().pathParameter("id"));
        assertThat(rebased).extracting(Finding::operation).contains("GET /pets/{id}");
        assertThat(rebased).extracting(Finding::fingerprint).contains(first.fingerprint());
    }

    @Test
    void differentChangesGetDifferentFingerprints() {
        String ascRemoved = single(diff(Pets.base(), Pets.base().sort("[desc]")),
                "request-parameter-enum-value-removed").fingerprint();
        String descRemoved = single(diff(Pets.base(), Pets.base().sort("[asc]")),
                "request-parameter-enum-value-removed").fingerprint();
        assertThat(ascRemoved).isNotEqualTo(descRemoved);

        List<Finding> tagRemoved = diff(Pets.base(), Pets.base().withoutTag());
        List<Finding> emailRemoved = diff(Pets.base(), Pets.base().withoutEmail());
        Set<String> tagPrints = tagRemoved.stream().map(Finding::fingerprint).collect(Collectors.toSet());
        assertThat(emailRemoved).extracting(Finding::fingerprint).doesNotContainAnyElementsOf(tagPrints);
        // the same removal seen from two operations is two findings with two fingerprints
        assertThat(tagRemoved).filteredOn(f -> f.ruleId().equals("response-optional-property-removed"))
                .extracting(Finding::operation).containsExactlyInAnyOrder("GET /pets/{petId}", "GET /pets");
        assertThat(tagPrints).hasSameSizeAs(tagRemoved);
    }

    private static JsonNode oneOf(String... members) {
        String yaml = """
                openapi: 3.1.0
                info: {title: t, version: "1"}
                paths:
                  /shapes:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema:
                              oneOf: [%s]
                      responses:
                        "200": {description: ok}
                """.formatted(String.join(", ", members));
        return OpenApiDocuments.readTree(yaml.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    @Test
    void aCompositionMemberIsKnownByItsContentNotItsPosition() {
        String circle = "{type: object, required: [radius], properties: {radius: {type: number}}}";
        String circleReordered = "{properties: {radius: {type: number}}, required: [radius], type: object}";
        String square = "{type: object, required: [side], properties: {side: {type: integer}}}";
        String label = "{type: string, maxLength: 3}";
        Finding added = single(OpenApiDiff.diff(oneOf(circle), oneOf(circle, square), DiffOptions.defaults())
                .findings(), "request-body-one-of-added");
        // the same member added in front of the others, written with its keys in another order elsewhere
        Finding addedFirst = single(OpenApiDiff.diff(oneOf(circleReordered), oneOf(square, circle),
                DiffOptions.defaults()).findings(), "request-body-one-of-added");
        Finding other = single(OpenApiDiff.diff(oneOf(circle), oneOf(circle, label), DiffOptions.defaults())
                .findings(), "request-body-one-of-added");
        assertThat(addedFirst.details().get("member")).isNotEqualTo(added.details().get("member"));
        assertThat(addedFirst.fingerprint()).isEqualTo(added.fingerprint());
        assertThat(other.fingerprint()).isNotEqualTo(added.fingerprint());
    }

    @Test
    void aFindingMadeOutsideTheEngineFallsBackToItsPointer() {
        Finding one = new Finding("x", Level.ERR, "GET /a/{id}", "/paths/~1a~1{id}/get/x", null, "m", Map.of());
        Finding other = new Finding("x", Level.ERR, "GET /a/{id}", "/paths/~1a~1{id}/get/y", null, "m", Map.of());
        assertThat(one.location()).isNull();
        assertThat(one.fingerprint()).isNotEqualTo(other.fingerprint());
    }

    private static Finding single(List<Finding> findings, String ruleId) {
        List<Finding> matching = findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        assertThat(matching).as("findings %s", findings).isNotEmpty();
        return matching.get(0);
    }
}
