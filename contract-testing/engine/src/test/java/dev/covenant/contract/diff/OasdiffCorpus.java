package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared oasdiff corpus ({@code conformance/openapi-diff}) and the known gaps we declare against it. */
final class OasdiffCorpus {

    /** One case of cases.json. */
    record Case(String name, String base, String revision, List<String> mustReport, boolean expectNoChanges) {
    }

    /** The outcome of running one case: null problem means it passed. */
    record Outcome(Case testCase, String problem) {
        boolean passed() {
            return problem == null;
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
                List<String> ids = new ArrayList<>();
                node.path("mustReport").forEach(id -> ids.add(id.asText()));
                cases.add(new Case(node.path("name").asText(), node.path("base").asText(),
                        node.path("revision").asText(), ids, node.path("expectNoChanges").asBoolean()));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Options some oasdiff tests ran with, from {@code conformance/openapi-diff-options.tsv} (case name → option). */
    static DiffOptions optionsFor(Case testCase) {
        DiffOptions options = DiffOptions.defaults();
        String option = caseOptions().get(testCase.name());
        if (option == null) {
            return options;
        }
        for (String setting : option.split(",")) {
            String[] parts = setting.trim().split("=");
            switch (parts[0]) {
                case "flattenCommonParameters" -> options = options.withFlattenCommonParameters(Boolean.parseBoolean(parts[1]));
                case "matchRenamedPathParameters" -> options = options.withMatchRenamedPathParameters(Boolean.parseBoolean(parts[1]));
                case "deprecationDays" -> options = options.withDeprecationDays(Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[1]));
                default -> throw new IllegalArgumentException("unknown option " + parts[0]);
            }
        }
        return options;
    }

    private static Map<String, String> caseOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        try (InputStream in = OasdiffCorpus.class.getResourceAsStream("/conformance/openapi-diff-options.tsv")) {
            if (in == null) {
                return options;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t");
                    options.put(parts[0].trim(), parts[1].trim());
                }
            }
            return options;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome run(Case testCase) {
        DiffReport report;
        try {
            report = OpenApiDiff.diff(read(testCase.base()), read(testCase.revision()), optionsFor(testCase));
        } catch (RuntimeException e) {
            return new Outcome(testCase, "diff failed: " + e);
        }
        List<String> missing = new ArrayList<>();
        for (String id : testCase.mustReport()) {
            boolean reported = report.findings().stream().anyMatch(f -> f.ruleId().equals(id)
                    || id.equals(f.details().get("comment")));
            if (!reported) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            return new Outcome(testCase, "not reported: " + missing + "; reported: "
                    + report.findings().stream().map(Finding::ruleId).distinct().toList());
        }
        if (testCase.expectNoChanges() && report.hasLevelAtLeast(Level.WARN)) {
            return new Outcome(testCase, "expected no breaking change, got: " + report.findings().stream()
                    .filter(f -> f.level().atLeast(Level.WARN)).map(Finding::message).toList());
        }
        return new Outcome(testCase, null);
    }

    private static JsonNode read(String relative) {
        return CorpusBundler.bundle(folder().resolve(relative));
    }
}
