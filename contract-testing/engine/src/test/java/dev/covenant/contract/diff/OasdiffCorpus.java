package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared oasdiff corpus ({@code conformance/openapi-diff}, every field its README defines) and the known
 * gaps we declare against it. A case is scored field by field: each field the case carries is one
 * {@link Field} that passes or fails on its own, and the case passes only when all of them do.
 */
final class OasdiffCorpus {

    /** The fields of a case that carry an expectation; each is scored separately. */
    enum Field {
        MUST_REPORT("mustReport"),
        MUST_REPORT_AT_LEAST("mustReportAtLeast"),
        MUST_REPORT_ONE_OF("mustReportOneOf"),
        MUST_NOT_REPORT("mustNotReport"),
        MUST_NOT_REPORT_AT_LEAST("mustNotReportAtLeast"),
        EXACT_COUNT("exactCount"),
        EXTRA_COUNTS("extraCounts"),
        EXPECT("expect"),
        EXPECT_NO_CHANGES("expectNoChanges");

        final String json;

        Field(String json) {
            this.json = json;
        }
    }

    /** A count constraint: findings with an id in scope (null scope = every id) and at least that level. */
    record Count(int exactCount, Set<String> scope, Level minLevel) {
    }

    /** One {@code expect} entry; null fields match anything. */
    record Expectation(String id, String operation, String path, Level level) {
    }

    /** One case of cases.json. */
    record Case(String name, String base, String revision, List<String> mustReport,
                Map<String, Level> mustReportAtLeast, List<List<String>> mustReportOneOf, List<String> mustNotReport,
                Map<String, Level> mustNotReportAtLeast, Count count, List<Count> extraCounts,
                List<Expectation> expect, boolean expectNoChanges, JsonNode options, boolean inputEditedInTest) {

        /** Cases whose upstream test edits the loaded document in memory are kept for reference, not scored. */
        boolean scorable() {
            return !inputEditedInTest;
        }

        /** The fields this case carries an expectation in. */
        List<Field> fields() {
            List<Field> fields = new ArrayList<>();
            if (!mustReport.isEmpty()) {
                fields.add(Field.MUST_REPORT);
            }
            if (!mustReportAtLeast.isEmpty()) {
                fields.add(Field.MUST_REPORT_AT_LEAST);
            }
            if (!mustReportOneOf.isEmpty()) {
                fields.add(Field.MUST_REPORT_ONE_OF);
            }
            if (!mustNotReport.isEmpty()) {
                fields.add(Field.MUST_NOT_REPORT);
            }
            if (!mustNotReportAtLeast.isEmpty()) {
                fields.add(Field.MUST_NOT_REPORT_AT_LEAST);
            }
            if (count != null) {
                fields.add(Field.EXACT_COUNT);
            }
            if (!extraCounts.isEmpty()) {
                fields.add(Field.EXTRA_COUNTS);
            }
            if (!expect.isEmpty()) {
                fields.add(Field.EXPECT);
            }
            if (expectNoChanges) {
                fields.add(Field.EXPECT_NO_CHANGES);
            }
            return fields;
        }
    }

    /** The outcome of running one case: the problem of each field that failed (empty: it passed). */
    record Outcome(Case testCase, List<Field> scored, Map<Field, String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }

        String problem() {
            return problems.isEmpty() ? null : problems.toString();
        }
    }

    private OasdiffCorpus() {
    }

    static Path folder() {
        String configured = System.getProperty("covenant.shared.dir");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured).resolve("conformance/openapi-diff");
        }
        // Without Maven's property, look for ../shared next to some parent of the working directory.
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("conformance/openapi-diff");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find shared/conformance/openapi-diff; set -Dcovenant.shared.dir");
    }

    static List<Case> cases() {
        try {
            JsonNode root = new ObjectMapper().readTree(folder().resolve("cases.json").toFile());
            List<Case> cases = new ArrayList<>();
            for (JsonNode node : root) {
                cases.add(parse(node));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases that are scored (not edited in memory upstream). */
    static List<Case> scorableCases() {
        return cases().stream().filter(Case::scorable).toList();
    }

    private static Case parse(JsonNode node) {
        List<List<String>> oneOf = new ArrayList<>();
        node.path("mustReportOneOf").forEach(list -> oneOf.add(strings(list)));
        Count count = node.path("exactCount").isInt()
                ? count(node.path("exactCount").asInt(), node.path("countScope"), node.path("countMinLevel")) : null;
        List<Count> extra = new ArrayList<>();
        node.path("extraCounts").forEach(c -> extra.add(count(c.path("exactCount").asInt(), c.path("countScope"),
                c.path("countMinLevel"))));
        List<Expectation> expect = new ArrayList<>();
        node.path("expect").forEach(e -> expect.add(new Expectation(text(e.path("id")), text(e.path("operation")),
                text(e.path("path")), level(e.path("level")))));
        return new Case(node.path("name").asText(), node.path("base").asText(), node.path("revision").asText(),
                strings(node.path("mustReport")), levels(node.path("mustReportAtLeast")), oneOf,
                strings(node.path("mustNotReport")), levels(node.path("mustNotReportAtLeast")), count, extra, expect,
                node.path("expectNoChanges").asBoolean(), node.path("options"),
                node.path("inputEditedInTest").asBoolean());
    }

    private static Count count(int exact, JsonNode scope, JsonNode minLevel) {
        Set<String> ids = scope.isArray() ? new TreeSet<>(strings(scope)) : null; // "all" or absent: every id
        Level level = level(minLevel);
        return new Count(exact, ids, level == null ? Level.INFO : level);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Map<String, Level> levels(JsonNode object) {
        Map<String, Level> levels = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> levels.put(field.getKey(), level(field.getValue())));
        return levels;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Level level(JsonNode node) {
        return node.isTextual() ? Level.valueOf(node.asText().toUpperCase(Locale.ROOT)) : null;
    }

    /** Case name → reason, from {@code known-gaps/openapi-diff.tsv}. */
    static Map<String, String> knownGaps() {
        Map<String, String> gaps = new LinkedHashMap<>();
        try (InputStream in = OasdiffCorpus.class.getResourceAsStream("/known-gaps/openapi-diff.tsv")) {
            if (in == null) {
                return gaps;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                gaps.put(tab < 0 ? line.trim() : line.substring(0, tab).trim(), tab < 0 ? "" : line.substring(tab + 1));
            }
            return gaps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The engine options for a case's {@code options}. Absent options take oasdiff's defaults, which the upstream
     * tests ran with: path-level parameters are not flattened unless {@code flattenParams} is true.
     */
    static DiffOptions optionsFor(Case testCase) {
        JsonNode options = testCase.options();
        DiffOptions diffOptions = DiffOptions.defaults()
                .withFlattenCommonParameters(options.path("flattenParams").asBoolean(false))
                .withMatchInlineRefs(options.path("matchInlineRefs").asBoolean(true));
        if (options.has("deprecationDaysBeta") || options.has("deprecationDaysStable")) {
            diffOptions = diffOptions.withDeprecationDays(options.path("deprecationDaysStable").asInt(0),
                    options.path("deprecationDaysBeta").asInt(0));
        }
        if (options.has("stabilityLevel")) {
            diffOptions = diffOptions.withMinimumStability(Stability.parse(options.get("stabilityLevel").asText())
                    .orElseThrow(() -> new IllegalStateException("unknown stabilityLevel in " + testCase.name())));
        }
        if (options.has("attributes")) {
            Set<String> attributes = new java.util.HashSet<>();
            options.get("attributes").forEach(name -> attributes.add(name.asText()));
            diffOptions = diffOptions.withAttributes(attributes);
        }
        // allowExternalRefs: the bundled trees carry the other files' schemas inline; the engine itself never
        // follows a reference out of a document (a safety limit, not an option).
        return diffOptions;
    }

    /** How the documents reach the engine. */
    enum Reading {
        /** The bundled trees straight into the diff: what the engine's rules get right. */
        TREES,
        /**
         * Through {@link OpenApiDocuments#parse}, as the CLI and the registry read them (leniently: structural
         * problems are warnings); a document the parser refuses fails every field of its case.
         */
        PARSED
    }

    static Outcome run(Case testCase) {
        return run(testCase, Reading.TREES);
    }

    static Outcome run(Case testCase, Reading reading) {
        List<Field> scored = testCase.fields();
        DiffReport report;
        try {
            JsonNode base = read(testCase.base());
            JsonNode revision = read(testCase.revision());
            if (reading == Reading.PARSED) {
                base = parsed(base);
                revision = parsed(revision);
            }
            report = OpenApiDiff.diff(base, revision, optionsFor(testCase));
        } catch (RuntimeException e) {
            Map<Field, String> problems = new LinkedHashMap<>();
            scored.forEach(field -> problems.put(field, "diff failed: " + e));
            return new Outcome(testCase, scored, problems);
        }
        List<Finding> findings = report.findings();
        Map<Field, String> problems = new LinkedHashMap<>();
        for (Field field : scored) {
            String problem = check(field, testCase, findings);
            if (problem != null) {
                problems.put(field, problem);
            }
        }
        return new Outcome(testCase, scored, problems);
    }

    private static String check(Field field, Case c, List<Finding> findings) {
        return switch (field) {
            case MUST_REPORT -> {
                List<String> missing = c.mustReport().stream().filter(id -> !reports(findings, id, Level.INFO)).toList();
                yield missing.isEmpty() ? null : "not reported: " + missing + "; reported: " + ids(findings);
            }
            case MUST_REPORT_AT_LEAST -> {
                List<String> missing = c.mustReportAtLeast().entrySet().stream()
                        .filter(e -> !reports(findings, e.getKey(), e.getValue()))
                        .map(e -> e.getKey() + " at " + e.getValue()).toList();
                yield missing.isEmpty() ? null : "not reported at level: " + missing + "; reported: " + leveled(findings);
            }
            case MUST_REPORT_ONE_OF -> {
                List<List<String>> missing = c.mustReportOneOf().stream()
                        .filter(ids -> ids.stream().noneMatch(id -> reports(findings, id, Level.INFO))).toList();
                yield missing.isEmpty() ? null : "none of " + missing + " reported; reported: " + ids(findings);
            }
            case MUST_NOT_REPORT -> {
                List<String> wrong = c.mustNotReport().stream().filter(id -> reports(findings, id, Level.INFO)).toList();
                yield wrong.isEmpty() ? null : "reported but must not be: " + wrong;
            }
            case MUST_NOT_REPORT_AT_LEAST -> {
                List<String> wrong = c.mustNotReportAtLeast().entrySet().stream()
                        .filter(e -> reports(findings, e.getKey(), e.getValue()))
                        .map(e -> e.getKey() + " at " + e.getValue() + " or above").toList();
                yield wrong.isEmpty() ? null : "reported but must not be: " + wrong;
            }
            case EXACT_COUNT -> countProblem(c.count(), findings);
            case EXTRA_COUNTS -> c.extraCounts().stream().map(count -> countProblem(count, findings))
                    .filter(p -> p != null).findFirst().orElse(null);
            case EXPECT -> expectProblem(c.expect(), findings);
            case EXPECT_NO_CHANGES -> {
                List<String> breaking = findings.stream().filter(f -> f.level().atLeast(Level.WARN))
                        .map(f -> f.ruleId() + " " + f.level() + ": " + f.message()).toList();
                yield breaking.isEmpty() ? null : "expected no ERR or WARN finding, got: " + breaking;
            }
        };
    }

    private static boolean reports(List<Finding> findings, String id, Level atLeast) {
        return findings.stream().anyMatch(f -> f.ruleId().equals(id) && f.level().atLeast(atLeast));
    }

    private static String countProblem(Count count, List<Finding> findings) {
        List<Finding> counted = findings.stream()
                .filter(f -> (count.scope() == null || count.scope().contains(f.ruleId()))
                        && f.level().atLeast(count.minLevel()))
                .toList();
        return counted.size() == count.exactCount() ? null
                : "expected " + count.exactCount() + " finding(s) at " + count.minLevel() + " or above in scope, got "
                        + counted.size() + ": " + leveled(counted);
    }

    /** Each expectation must be matched by a different finding: a maximum bipartite matching (Kuhn's algorithm). */
    private static String expectProblem(List<Expectation> expect, List<Finding> findings) {
        int[] owner = new int[findings.size()];
        Arrays.fill(owner, -1);
        List<Expectation> unmatched = new ArrayList<>();
        for (int e = 0; e < expect.size(); e++) {
            if (!augment(e, expect, findings, owner, new boolean[findings.size()])) {
                unmatched.add(expect.get(e));
            }
        }
        return unmatched.isEmpty() ? null : "no finding for " + unmatched + "; reported: " + located(findings);
    }

    private static boolean augment(int e, List<Expectation> expect, List<Finding> findings, int[] owner,
                                   boolean[] seen) {
        for (int f = 0; f < findings.size(); f++) {
            if (!seen[f] && matches(expect.get(e), findings.get(f))) {
                seen[f] = true;
                if (owner[f] < 0 || augment(owner[f], expect, findings, owner, seen)) {
                    owner[f] = e;
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(Expectation e, Finding f) {
        return (e.id() == null || e.id().equals(f.ruleId()))
                && (e.level() == null || e.level() == f.level())
                && (e.operation() == null || e.operation().equals(method(f)))
                && (e.path() == null || e.path().equals(path(f)));
    }

    /** The HTTP method of a finding's operation ({@code GET /pets} → {@code GET}), null for document findings. */
    static String method(Finding f) {
        String operation = f.operation();
        if (operation == null) {
            return null;
        }
        int space = operation.indexOf(' ');
        String method = space < 0 ? operation : operation.substring(0, space);
        return method.equals("WEBHOOK") ? null : method;
    }

    /**
     * The path of a finding's operation, with webhooks written as the corpus writes them ({@code webhook:<name>}):
     * the engine names a webhook operation {@code POST webhook orderCreated} and a whole webhook
     * {@code WEBHOOK orderCreated}.
     */
    static String path(Finding f) {
        String operation = f.operation();
        if (operation == null || operation.indexOf(' ') < 0) {
            return null;
        }
        String rest = operation.substring(operation.indexOf(' ') + 1);
        if (operation.startsWith("WEBHOOK ")) {
            return "webhook:" + rest;
        }
        return rest.startsWith("webhook ") ? "webhook:" + rest.substring("webhook ".length()) : rest;
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).distinct().toList();
    }

    private static List<String> leveled(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + " " + f.level()).toList();
    }

    private static List<String> located(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + " " + f.level() + " " + f.operation()).toList();
    }

    private static JsonNode parsed(JsonNode bundled) {
        try {
            return OpenApiDocuments.parse(new ObjectMapper().writeValueAsBytes(bundled), DocumentLimits.DEFAULTS).tree();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String relative) {
        return CorpusBundler.bundle(folder().resolve(relative));
    }
}
