package dev.covenant.cli;

import dev.covenant.contract.diff.DiffSettings;
import dev.covenant.contract.openapi.ParsedDocument;

/**
 * The document-to-document diff as the CLI sees it. The engine's diff lives on another branch; this seam keeps
 * the command, its options, formats and exit codes ready and tested until the branches merge.
 */
public interface DiffRunner {

    /** Diffs two validated documents (base → revision). */
    DiffView diff(ParsedDocument base, ParsedDocument revision);

    /** Diffs with the given options, rule levels and ignore list; a runner that has no options ignores them. */
    default DiffView diff(ParsedDocument base, ParsedDocument revision, DiffSettings settings) {
        return diff(base, revision);
    }

    /** The runner this build ships with. */
    static DiffRunner installed() {
        return new OpenApiDiffRunner();
    }
}
