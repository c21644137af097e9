package dev.covenant.registry.retention;

import dev.covenant.registry.system.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One keep rule of a clean-up, as the Pact Broker's {@code keep_version_selectors}: a version any rule keeps stays.
 * Whatever the rules, retention also keeps what gates read (see {@link Cleanup}).
 */
sealed interface KeepSelector {

    Set<String> FIELDS = Set.of("branch", "mainBranch", "tag", "latest", "deployed", "released", "maxAgeDays");

    /** Does this rule keep the version? */
    boolean keeps(VersionFacts version);

    /** Versions on a branch ({@code name} null: the application's main branch); only its latest if {@code latest}. */
    record OnBranch(String name, boolean latest) implements KeepSelector {
        @Override
        public boolean keeps(VersionFacts version) {
            String branch = name != null ? name : version.mainBranch();
            if (branch == null || !version.version().branches().contains(branch)) {
                return false;
            }
            return !latest || version.headOfBranches().contains(branch);
        }
    }

    /** Versions with a tag ({@code name} null: any tag); only the latest per tag if {@code latest}. */
    record Tagged(String name, boolean latest) implements KeepSelector {
        @Override
        public boolean keeps(VersionFacts version) {
            List<String> tags = name == null ? version.version().tags() : version.version().tags().stream()
                    .filter(name::equals).toList();
            return latest ? tags.stream().anyMatch(version.headOfTags()::contains) : !tags.isEmpty();
        }
    }

    /** The latest version of each application. */
    record LatestOfApplication() implements KeepSelector {
        @Override
        public boolean keeps(VersionFacts version) {
            return version.latestOfApplication();
        }
    }

    /** Versions currently deployed to an environment. */
    record Deployed() implements KeepSelector {
        @Override
        public boolean keeps(VersionFacts version) {
            return version.deployed();
        }
    }

    /** Versions released to an environment and still supported. */
    record Released() implements KeepSelector {
        @Override
        public boolean keeps(VersionFacts version) {
            return version.released();
        }
    }

    /** Versions created less than {@code days} days ago. */
    record YoungerThan(int days) implements KeepSelector {
        @Override
        public boolean keeps(VersionFacts version) {
            return version.ageInDays() < days;
        }
    }

    /** Reads the {@code keep} array of a clean-up request; every problem is reported under {@code keep[i]}. */
    static List<KeepSelector> parseAll(JsonNode keep) {
        if (keep == null || keep.isNull()) {
            throw new InvalidRequestException("keep", "keep is missing: list at least one keep selector, "
                    + "e.g. [{\"mainBranch\":true,\"latest\":true},{\"deployed\":true},{\"maxAgeDays\":90}]");
        }
        if (!keep.isArray() || keep.isEmpty() || keep.size() > 100) {
            throw new InvalidRequestException("keep", "keep must be an array of 1 to 100 selectors");
        }
        List<KeepSelector> selectors = new ArrayList<>();
        for (int index = 0; index < keep.size(); index++) {
            selectors.add(parse(keep.get(index), "keep[" + index + "]"));
        }
        return selectors;
    }

    private static KeepSelector parse(JsonNode node, String field) {
        if (!node.isObject() || node.isEmpty()) {
            throw new InvalidRequestException(field, "a selector is a non-empty object");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidRequestException(field, "unknown field '" + name + "'; a selector has " + FIELDS);
            }
        }
        boolean latest = flag(node, "latest", field);
        boolean mainBranch = flag(node, "mainBranch", field);
        boolean deployed = flag(node, "deployed", field);
        boolean released = flag(node, "released", field);
        JsonNode branch = node.get("branch");
        JsonNode tag = node.get("tag");
        JsonNode maxAge = node.get("maxAgeDays");
        int kinds = (branch != null ? 1 : 0) + (mainBranch ? 1 : 0) + (tag != null ? 1 : 0) + (deployed ? 1 : 0)
                + (released ? 1 : 0) + (maxAge != null ? 1 : 0);
        if (kinds > 1) {
            throw new InvalidRequestException(field, "a selector names one of branch, mainBranch, tag, deployed, "
                    + "released or maxAgeDays; list several selectors to keep more");
        }
        if (maxAge != null) {
            if (!maxAge.isIntegralNumber() || !maxAge.canConvertToInt() || maxAge.asInt() < 1) {
                throw new InvalidRequestException(field, "maxAgeDays must be a whole number of days, at least 1");
            }
            return refuseLatest(latest, field, new YoungerThan(maxAge.asInt()));
        }
        if (deployed) {
            return refuseLatest(latest, field, new Deployed());
        }
        if (released) {
            return refuseLatest(latest, field, new Released());
        }
        if (branch != null || mainBranch) {
            return new OnBranch(name(branch, "branch", field), latest);
        }
        if (tag != null) {
            return tag.isBoolean() && tag.asBoolean() ? new Tagged(null, latest) : new Tagged(name(tag, "tag", field), latest);
        }
        if (latest) {
            return new LatestOfApplication();
        }
        throw new InvalidRequestException(field, "a selector keeps something: branch, mainBranch, tag, latest, "
                + "deployed, released or maxAgeDays");
    }

    private static KeepSelector refuseLatest(boolean latest, String field, KeepSelector selector) {
        if (latest) {
            throw new InvalidRequestException(field, "latest goes with branch, mainBranch or tag only");
        }
        return selector;
    }

    private static boolean flag(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidRequestException(field, name + " must be true or false");
        }
        return value.asBoolean();
    }

    private static String name(JsonNode value, String name, String field) {
        if (value == null) {
            return null;
        }
        if (!value.isString() || value.asString().isBlank() || value.asString().length() > 255) {
            throw new InvalidRequestException(field, name + " must be a name (or, for tag, true for any tag)");
        }
        return value.asString();
    }
}
