package dev.covenant.contract.diff;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every finding of one base → revision comparison. */
public record DiffReport(List<Finding> findings) {

    public DiffReport {
        findings = List.copyOf(findings);
    }

    /** The findings that definitely break clients (level ERR). */
    public List<Finding> breaking() {
        return findings.stream().filter(f -> f.level() == Level.ERR).toList();
    }

    /** Whether any finding is at least this serious. */
    public boolean hasLevelAtLeast(Level level) {
        return findings.stream().anyMatch(f -> f.level().atLeast(level));
    }

    /** Number of findings per level; every level is present. */
    public Map<Level, Integer> counts() {
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            counts.put(level, 0);
        }
        for (Finding finding : findings) {
            counts.merge(finding.level(), 1, Integer::sum);
        }
        return counts;
    }

    /** Whether some finding has this rule id. */
    public boolean reports(String ruleId) {
        return findings.stream().anyMatch(f -> f.ruleId().equals(ruleId));
    }
}
