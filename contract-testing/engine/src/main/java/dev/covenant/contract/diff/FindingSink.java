package dev.covenant.contract.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects findings, taking each level from the rules so that no check invents its own. */
final class FindingSink {

    private final Rules rules;
    private final List<Finding> findings = new ArrayList<>();

    FindingSink(Rules rules) {
        this.rules = rules;
    }

    Rules rules() {
        return rules;
    }

    /**
     * Records a finding whose identity is its rule, operation and subject details alone (an endpoint's
     * deprecation, a security scheme, a webhook): its logical location is "".
     */
    void add(String ruleId, String operation, String basePointer, String revisionPointer, String message,
             Map<String, Object> details) {
        addAt(ruleId, operation, "", basePointer, revisionPointer, message, details);
    }

    /**
     * Records a finding at a logical location inside its operation ({@code parameter query:limit},
     * {@code response 200 application/json items/name}): what its fingerprint is made of instead of pointers.
     */
    void addAt(String ruleId, String operation, String location, String basePointer, String revisionPointer,
               String message, Map<String, Object> details) {
        findings.add(new Finding(ruleId, rules.level(ruleId), operation, basePointer, revisionPointer, message,
                details, location));
    }

    void addAt(String ruleId, String operation, String location, String basePointer, String revisionPointer,
               String message) {
        addAt(ruleId, operation, location, basePointer, revisionPointer, message, Map.of());
    }

    void add(String ruleId, String operation, String basePointer, String revisionPointer, String message) {
        add(ruleId, operation, basePointer, revisionPointer, message, Map.of());
    }

    List<Finding> findings() {
        return findings;
    }
}
