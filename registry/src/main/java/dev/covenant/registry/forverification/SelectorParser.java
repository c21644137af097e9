package dev.covenant.registry.forverification;

import dev.covenant.registry.forverification.Selector.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads consumer version selectors as the Pact Broker accepts them, refusing the invalid combinations. */
final class SelectorParser {

    private static final Set<String> KNOWN = Set.of("mainBranch", "branch", "fallbackBranch", "matchingBranch",
            "tag", "latest", "fallbackTag", "consumer", "deployed", "released", "deployedOrReleased", "environment");

    private SelectorParser() {
    }

    /** Parses the selectors; errors are collected as messages, one per offending selector. */
    static List<Selector> parse(Object raw, String providerBranch, List<String> errors) {
        List<Selector> selectors = new ArrayList<>();
        if (raw == null) {
            return selectors;
        }
        if (!(raw instanceof List<?> list)) {
            errors.add("consumerVersionSelectors must be an array");
            return selectors;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                errors.add("consumerVersionSelectors[" + i + "] must be an object");
                continue;
            }
            String problem = check(map, providerBranch);
            if (problem != null) {
                errors.add("consumerVersionSelectors[" + i + "]: " + problem + " (" + map + ")");
                continue;
            }
            selectors.add(selector(map));
        }
        return selectors;
    }

    private static String check(Map<?, ?> map, String providerBranch) {
        for (Object key : map.keySet()) {
            if (!KNOWN.contains(String.valueOf(key))) {
                return "unknown property '" + key + "'";
            }
        }
        for (String stringKey : List.of("fallbackBranch", "fallbackTag", "consumer", "environment")) {
            if (map.containsKey(stringKey) && !(map.get(stringKey) instanceof String s && !s.isBlank())) {
                return stringKey + " must be a non-blank string";
            }
        }
        for (String booleanKey : List.of("mainBranch", "matchingBranch", "latest", "deployed", "released", "deployedOrReleased")) {
            if (map.containsKey(booleanKey) && !(map.get(booleanKey) instanceof Boolean)) {
                return booleanKey + " must be a boolean";
            }
        }
        Object branch = map.get("branch");
        if (branch != null && !(branch instanceof Boolean) && !(branch instanceof String s && !s.isBlank())) {
            return "branch must be a branch name or true";
        }
        Object tag = map.get("tag");
        if (tag != null && !(tag instanceof String s && !s.isBlank())) {
            return "tag must be a non-blank string";
        }
        boolean branchType = isTrue(map, "mainBranch") || branch != null || isTrue(map, "matchingBranch");
        boolean tagType = tag != null;
        boolean environmentType = isTrue(map, "deployed") || isTrue(map, "released") || isTrue(map, "deployedOrReleased")
                || map.containsKey("environment");
        if (branchType && tagType) {
            return "cannot specify both a tag and a branch";
        }
        if ((branchType || tagType) && environmentType) {
            return "cannot specify a branch or tag together with deployed, released or environment";
        }
        if (map.containsKey("fallbackTag") && !(tagType && isTrue(map, "latest"))) {
            return "fallbackTag can only be set if tag is set and latest is true";
        }
        if (map.containsKey("fallbackBranch") && !(branch instanceof String)) {
            return "fallbackBranch can only be set if branch is set to a branch name";
        }
        if (isTrue(map, "matchingBranch") && (providerBranch == null || providerBranch.isBlank())) {
            return "matchingBranch can only be used when providerVersionBranch is specified";
        }
        if (isTrue(map, "deployed") && isTrue(map, "released")) {
            return "cannot specify both deployed and released (use deployedOrReleased)";
        }
        boolean anything = branchType || tagType || environmentType || isTrue(map, "latest");
        return anything ? null : "a selector needs one of mainBranch, branch, matchingBranch, tag, latest, deployed, "
                + "released, deployedOrReleased or environment";
    }

    private static Selector selector(Map<?, ?> map) {
        String consumer = (String) map.get("consumer");
        String environment = (String) map.get("environment");
        Kind kind;
        Object branch = map.get("branch");
        String tag = (String) map.get("tag");
        if (isTrue(map, "mainBranch")) {
            kind = Kind.MAIN_BRANCH;
        } else if (Boolean.TRUE.equals(branch)) {
            kind = Kind.ALL_BRANCHES;
        } else if (branch instanceof String) {
            kind = Kind.BRANCH;
        } else if (isTrue(map, "matchingBranch")) {
            kind = Kind.MATCHING_BRANCH;
        } else if (tag != null) {
            kind = isTrue(map, "latest") ? Kind.LATEST_TAG : Kind.TAG;
        } else if (isTrue(map, "deployed")) {
            kind = Kind.DEPLOYED;
        } else if (isTrue(map, "released")) {
            kind = Kind.RELEASED;
        } else if (isTrue(map, "deployedOrReleased") || environment != null) {
            kind = Kind.DEPLOYED_OR_RELEASED;
        } else {
            kind = Kind.LATEST;
        }
        return new Selector(kind, consumer, branch instanceof String s ? s : null, (String) map.get("fallbackBranch"),
                tag, (String) map.get("fallbackTag"), environment);
    }

    private static boolean isTrue(Map<?, ?> map, String key) {
        return Boolean.TRUE.equals(map.get(key));
    }
}
