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

    void add(String ruleId, String operation, String basePointer, String revisionPointer, String message,
             Map<String, Object> details) {
        findings.add(new Finding(ruleId, rules.level(ruleId), operation, basePointer, revisionPointer, message,
                details));
    }

    void add(String ruleId, String operation, String basePointer, String revisionPointer, String message) {
        add(ruleId, operation, basePointer, revisionPointer, message, Map.of());
    }

    List<Finding> findings() {
        return findings;
    }
}
