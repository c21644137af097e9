package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a team says about its diffs, as oasdiff's flags and {@code .oasdiff.yaml} say it: the engine's
 * {@link DiffOptions} by name, per-rule level overrides (oasdiff's severity levels; {@code NONE} drops the rule),
 * and findings ignored by fingerprint. The same names in the CLI ({@code --option name=value}, a config file)
 * and in a registry application's diff options.
 *
 * @param ruleLevels          rule id → the level its findings get; empty: the rule is dropped
 * @param ignoredFingerprints findings with these fingerprints are left out
 */
public record DiffSettings(DiffOptions options, Map<String, Optional<Level>> ruleLevels,
        Set<String> ignoredFingerprints) {

    /** The option names {@link #with(String, String)} accepts, as oasdiff spells its flags. */
    public static final List<String> NAMES = List.of("deprecation-days-stable", "deprecation-days-beta",
            "flatten-params", "match-path-params", "stability-level", "match-inline-refs", "match-renamed-refs",
            "versioning", "attributes", "severity-levels", "ignore");

    public DiffSettings {
        ruleLevels = Map.copyOf(ruleLevels);
        ignoredFingerprints = Set.copyOf(ignoredFingerprints);
    }

    public static DiffSettings defaults() {
        return new DiffSettings(DiffOptions.defaults(), Map.of(), Set.of());
    }

    /**
     * These settings with one option set: {@code name} is one of {@link #NAMES}, or {@code severity.<rule-id>}
     * with ERR, WARN, INFO or NONE; {@code severity-levels} takes {@code rule=LEVEL} pairs and {@code ignore} and
     * {@code attributes} comma-separated lists.
     *
     * @throws IllegalArgumentException naming the option and what it accepts
     */
    public DiffSettings with(String name, String value) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        String text = value == null ? "" : value.trim();
        if (key.startsWith("severity.")) {
            return withRuleLevel(key.substring("severity.".length()), text);
        }
        return switch (key) {
            case "deprecation-days-stable" -> new DiffSettings(options.withDeprecationDays(days(key, text),
                    options.deprecationDaysBeta()), ruleLevels, ignoredFingerprints);
            case "deprecation-days-beta" -> new DiffSettings(options.withDeprecationDays(
                    options.deprecationDaysStable(), days(key, text)), ruleLevels, ignoredFingerprints);
            case "flatten-params" -> withOptions(options.withFlattenCommonParameters(bool(key, text)));
            case "match-path-params" -> withOptions(options.withMatchRenamedPathParameters(bool(key, text)));
            case "stability-level" -> withOptions(options.withMinimumStability(Stability.parse(text)
                    .orElseThrow(() -> invalid(key, text, "draft, alpha, beta or stable"))));
            case "match-inline-refs" -> withOptions(options.withMatchInlineRefs(bool(key, text)));
            case "match-renamed-refs" -> withOptions(options.withMatchRenamedRefs(bool(key, text)));
            case "versioning" -> withOptions(options.withVersioningPolicy(bool(key, text)));
            case "attributes" -> withOptions(options.withAttributes(new LinkedHashSet<>(list(text))));
            case "severity-levels" -> {
                DiffSettings settings = this;
                for (String pair : list(text)) {
                    int equals = pair.indexOf('=');
                    if (equals < 1) {
                        throw invalid(key, text, "rule-id=LEVEL pairs separated by commas");
                    }
                    settings = settings.withRuleLevel(pair.substring(0, equals), pair.substring(equals + 1));
                }
                yield settings;
            }
            case "ignore" -> {
                Set<String> ignored = new LinkedHashSet<>(ignoredFingerprints);
                for (String fingerprint : list(text)) {
                    if (!fingerprint.matches("[0-9a-f]{16}")) {
                        throw invalid(key, fingerprint, "finding fingerprints (sixteen hex digits)");
                    }
                    ignored.add(fingerprint);
                }
                yield new DiffSettings(options, ruleLevels, ignored);
            }
            default -> throw new IllegalArgumentException("unknown diff option '" + name + "'; known: "
                    + String.join(", ", NAMES) + ", severity.<rule-id>");
        };
    }

    /**
     * Settings from a config file's tree, shaped like oasdiff's {@code .oasdiff.yaml}: the options by name at the
     * top, {@code severity-levels} a map of rule id to level, {@code ignore} a list of fingerprints.
     */
    public static DiffSettings read(JsonNode config) {
        if (config == null || config.isNull() || config.isMissingNode()) {
            return defaults();
        }
        if (!config.isObject()) {
            throw new IllegalArgumentException("a diff config is a map of option names to values");
        }
        DiffSettings settings = defaults();
        var fields = config.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode value = field.getValue();
            if (field.getKey().equals("severity-levels") && value.isObject()) {
                var rules = value.fields();
                while (rules.hasNext()) {
                    var rule = rules.next();
                    settings = settings.withRuleLevel(rule.getKey(), rule.getValue().asText());
                }
            } else if (value.isArray()) {
                List<String> items = new java.util.ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                settings = settings.with(field.getKey(), String.join(",", items));
            } else if (value.isValueNode()) {
                settings = settings.with(field.getKey(), value.asText());
            } else {
                throw new IllegalArgumentException("diff option '" + field.getKey() + "' takes a value or a list");
            }
        }
        return settings;
    }

    /** The report with rule levels overridden, dropped rules and ignored fingerprints left out. */
    public DiffReport apply(DiffReport report) {
        if (ruleLevels.isEmpty() && ignoredFingerprints.isEmpty()) {
            return report;
        }
        return new DiffReport(report.findings().stream()
                .map(this::apply)
                .flatMap(Optional::stream)
                .toList());
    }

    /** The finding at its overridden level; empty when its rule is dropped or its fingerprint ignored. */
    public Optional<Finding> apply(Finding finding) {
        if (ignoredFingerprints.contains(finding.fingerprint())) {
            return Optional.empty();
        }
        Optional<Level> level = ruleLevels.get(finding.ruleId());
        if (level == null) {
            return Optional.of(finding);
        }
        return level.map(changed -> changed == finding.level() ? finding
                : new Finding(finding.ruleId(), changed, finding.operation(), finding.basePointer(),
                        finding.revisionPointer(), finding.message(), finding.details(), finding.location()));
    }

    /** Diffs two trees with these settings. */
    public DiffReport diff(JsonNode base, JsonNode revision) {
        return apply(OpenApiDiff.diff(base, revision, options));
    }

    /** The settings as name → value, as {@link #with} and {@link #read} take them (for storing and showing). */
    public Map<String, Object> view() {
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("deprecation-days-stable", options.deprecationDaysStable());
        view.put("deprecation-days-beta", options.deprecationDaysBeta());
        view.put("flatten-params", options.flattenCommonParameters());
        view.put("match-path-params", options.matchRenamedPathParameters());
        view.put("stability-level", options.minimumStability().name().toLowerCase(Locale.ROOT));
        view.put("match-inline-refs", options.matchInlineRefs());
        view.put("match-renamed-refs", options.matchRenamedRefs());
        view.put("versioning", options.versioningPolicy());
        view.put("attributes", options.attributes().stream().sorted().toList());
        Map<String, String> levels = new java.util.TreeMap<>();
        ruleLevels.forEach((rule, level) -> levels.put(rule, level.map(Enum::name).orElse("NONE")));
        view.put("severity-levels", levels);
        view.put("ignore", ignoredFingerprints.stream().sorted().toList());
        return view;
    }

    private DiffSettings withOptions(DiffOptions changed) {
        return new DiffSettings(changed, ruleLevels, ignoredFingerprints);
    }

    private DiffSettings withRuleLevel(String rule, String level) {
        String ruleId = rule.trim();
        if (!ruleId.matches("[a-z0-9][a-z0-9.-]*")) {
            throw invalid("severity-levels", rule, "oasdiff rule ids such as response-property-type-changed");
        }
        String name = level.trim().toUpperCase(Locale.ROOT);
        Optional<Level> parsed;
        if (name.equals("NONE")) {
            parsed = Optional.empty();
        } else if (Arrays.stream(Level.values()).anyMatch(known -> known.name().equals(name))) {
            parsed = Optional.of(Level.valueOf(name));
        } else {
            throw invalid("severity." + ruleId, level, "ERR, WARN, INFO or NONE");
        }
        Map<String, Optional<Level>> levels = new HashMap<>(ruleLevels);
        levels.put(ruleId, parsed);
        return new DiffSettings(options, levels, ignoredFingerprints);
    }

    private static int days(String key, String text) {
        try {
            int days = Integer.parseInt(text);
            if (days >= 0 && days <= 3650) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(key, text, "a number of days from 0 to 3650");
    }

    private static boolean bool(String key, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(key, text, "true or false");
        };
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException("diff option '" + key + "' takes " + expected + "; got '" + value + "'");
    }
}
