package dev.covenant.registry.checks;

import java.util.List;
import java.util.Map;

/**
 * A report's diff of the checked document against an earlier one (the only kind of comparison so far; the JSON
 * names it {@code "kind": "document-diff"}).
 *
 * @param reasons   why that earlier document was compared with ({@code previous on branch main}, …)
 * @param counts    findings per level name, in the engine's level order
 * @param findings  breaking first, at most {@link Assessment#MAX_FINDINGS}
 * @param truncated whether there were more findings than kept
 */
public record DocumentComparison(String baseApplication, String baseVersion, List<String> reasons,
        Map<String, Integer> counts, List<ReportFinding> findings, boolean truncated) {

    static final String KIND = "document-diff";
}
