package dev.covenant.contract.check;

import java.util.List;

/**
 * The outcome of checking one pact against one document.
 *
 * @param findings every finding, in interaction order
 */
public record CheckReport(List<PactFinding> findings) {

    public CheckReport {
        findings = List.copyOf(findings);
    }

    /** True when at least one finding is an error: the pact relies on something the document does not promise. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(finding -> finding.type() == FindingType.ERROR);
    }

    public long errorCount() {
        return findings.stream().filter(finding -> finding.type() == FindingType.ERROR).count();
    }

    public long warningCount() {
        return findings.stream().filter(finding -> finding.type() == FindingType.WARNING).count();
    }
}
