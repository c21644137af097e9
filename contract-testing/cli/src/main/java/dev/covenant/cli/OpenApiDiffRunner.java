package dev.covenant.cli;

import dev.covenant.contract.openapi.ParsedDocument;

/**
 * Wiring to the engine's diff.
 *
 * <p>TODO(merge engine-diff): {@code dev.covenant.contract.diff} is written on another branch and is not on this
 * one, so this class cannot call it yet. When the branches merge, replace the body of {@link #diff} with:
 * <pre>{@code
 * DiffReport report = OpenApiDiff.diff(base, revision, DiffOptions.defaults());
 * return new DiffView(report.findings().stream()
 *         .map(f -> new DiffView.Change(f.ruleId(), DiffView.Level.valueOf(f.level().name()), f.operation(),
 *                 f.basePointer(), f.revisionPointer(), f.message(), f.details()))
 *         .toList());
 * }</pre>
 * and delete the refusal below (and its test {@code diffWithoutEngineIsAUsageError}).
 */
final class OpenApiDiffRunner implements DiffRunner {

    @Override
    public DiffView diff(ParsedDocument base, ParsedDocument revision) {
        throw new CliException(CliException.USAGE, "the diff engine is not part of this build yet");
    }
}
