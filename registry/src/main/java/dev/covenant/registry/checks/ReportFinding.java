package dev.covenant.registry.checks;

import dev.covenant.contract.diff.Finding;

/**
 * One finding of a diff as a report keeps it (a comparison's findings, the drift from the agreed contract).
 *
 * @param level       the oasdiff level ({@code ERR}, {@code WARN}, {@code INFO})
 * @param fingerprint stable across revisions; null in reports stored before findings carried one
 */
public record ReportFinding(String ruleId, String level, String operation, String message, String basePointer,
        String revisionPointer, String fingerprint) {

    static ReportFinding of(Finding finding) {
        return new ReportFinding(finding.ruleId(), finding.level().name(), finding.operation(), finding.message(),
                finding.basePointer(), finding.revisionPointer(), finding.fingerprint());
    }

    /** A breaking change. */
    public boolean breaking() {
        return "ERR".equals(level);
    }
}
