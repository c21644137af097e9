package dev.covenant.cli;

import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.DiffSettings;
import dev.covenant.contract.diff.OpenApiDiff;
import dev.covenant.contract.openapi.ParsedDocument;

/** Wiring to the engine's document-vs-document diff, with its default options; breaking changes first. */
final class OpenApiDiffRunner implements DiffRunner {

    @Override
    public DiffView diff(ParsedDocument base, ParsedDocument revision) {
        return diff(base, revision, DiffSettings.defaults());
    }

    @Override
    public DiffView diff(ParsedDocument base, ParsedDocument revision, DiffSettings settings) {
        DiffReport report = settings.apply(OpenApiDiff.diff(base, revision, settings.options()));
        return new DiffView(report.findings().stream()
                .map(finding -> new DiffView.Change(finding.ruleId(), DiffView.Level.valueOf(finding.level().name()),
                        finding.operation(), finding.basePointer(), finding.revisionPointer(), finding.message(),
                        finding.details(), finding.fingerprint()))
                .sorted(java.util.Comparator.comparing(DiffView.Change::level))
                .toList());
    }
}
