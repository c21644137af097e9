package dev.covenant.registry.forverification;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One consumer version selector of a for-verification request.
 *
 * @param consumer       restricts the selector to one consumer, or null for all
 * @param branch         for {@link Kind#BRANCH}
 * @param fallbackBranch for {@link Kind#BRANCH}: used when nothing is on {@code branch}
 * @param tag            for {@link Kind#TAG} and {@link Kind#LATEST_TAG}
 * @param fallbackTag    for {@link Kind#LATEST_TAG}
 * @param environment    for the deployed/released kinds, or null for every environment
 */
record Selector(Kind kind, String consumer, String branch, String fallbackBranch, String tag, String fallbackTag,
        String environment) {

    /** What the selector picks. */
    enum Kind {
        LATEST, MAIN_BRANCH, BRANCH, ALL_BRANCHES, MATCHING_BRANCH, TAG, LATEST_TAG, DEPLOYED, RELEASED,
        DEPLOYED_OR_RELEASED
    }

    static Selector of(Kind kind) {
        return new Selector(kind, null, null, null, null, null, null);
    }

    /** The selector as the client sent it (normalized), for the pact URL's metadata. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (kind) {
            case LATEST -> json.put("latest", true);
            case MAIN_BRANCH -> json.put("mainBranch", true);
            case BRANCH -> json.put("branch", branch);
            case ALL_BRANCHES -> json.put("branch", true);
            case MATCHING_BRANCH -> json.put("matchingBranch", true);
            case TAG -> json.put("tag", tag);
            case LATEST_TAG -> {
                json.put("tag", tag);
                json.put("latest", true);
            }
            case DEPLOYED -> json.put("deployed", true);
            case RELEASED -> json.put("released", true);
            case DEPLOYED_OR_RELEASED -> json.put("deployedOrReleased", true);
        }
        putIfPresent(json, "fallbackBranch", fallbackBranch);
        putIfPresent(json, "fallbackTag", fallbackTag);
        putIfPresent(json, "environment", environment);
        putIfPresent(json, "consumer", consumer);
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
